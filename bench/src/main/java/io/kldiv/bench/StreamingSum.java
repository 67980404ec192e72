package io.kldiv.bench;

import io.kldiv.Dtype;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The baseline: read every byte of p and q once and add them up with the preferred vector species — the least
 * work any kernel must do on the same working set, so its time is the memory system's roof for that set.
 * Four accumulators (two per column) hide the add latency; a scalar tail takes what is left.
 */
final class StreamingSum {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private StreamingSum() {
    }

    /** Bits of the preferred vector shape, for the report. */
    static int vectorBits() {
        return FLOATS.vectorBitSize();
    }

    /** Σp + Σq over {@code count} elements of each column. */
    static double sum(MemorySegment p, MemorySegment q, Dtype dtype, long count) {
        return switch (dtype) {
            case FLOAT32 -> sumFloats(p, q, count);
            case FLOAT64 -> sumDoubles(p, q, count);
            // A half baseline needs the SIMD module's lane widening; until it exists, no silent misreading.
            case BFLOAT16, FLOAT16 -> throw new IllegalArgumentException("no streaming baseline for " + dtype + " yet");
        };
    }

    private static double sumFloats(MemorySegment p, MemorySegment q, long count) {
        long lanes = FLOATS.length();
        long step = 2 * lanes;
        long bound = count - count % step;
        FloatVector p0 = FloatVector.zero(FLOATS);
        FloatVector p1 = FloatVector.zero(FLOATS);
        FloatVector q0 = FloatVector.zero(FLOATS);
        FloatVector q1 = FloatVector.zero(FLOATS);
        long i = 0;
        for (; i < bound; i += step) {
            long at = i * Float.BYTES;
            long next = at + lanes * Float.BYTES;
            p0 = p0.add(FloatVector.fromMemorySegment(FLOATS, p, at, ORDER));
            q0 = q0.add(FloatVector.fromMemorySegment(FLOATS, q, at, ORDER));
            p1 = p1.add(FloatVector.fromMemorySegment(FLOATS, p, next, ORDER));
            q1 = q1.add(FloatVector.fromMemorySegment(FLOATS, q, next, ORDER));
        }
        double sum = p0.add(p1).add(q0.add(q1)).reduceLanes(VectorOperators.ADD);
        for (; i < count; i++) {
            sum += p.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i) + q.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i);
        }
        return sum;
    }

    private static double sumDoubles(MemorySegment p, MemorySegment q, long count) {
        long lanes = DOUBLES.length();
        long step = 2 * lanes;
        long bound = count - count % step;
        DoubleVector p0 = DoubleVector.zero(DOUBLES);
        DoubleVector p1 = DoubleVector.zero(DOUBLES);
        DoubleVector q0 = DoubleVector.zero(DOUBLES);
        DoubleVector q1 = DoubleVector.zero(DOUBLES);
        long i = 0;
        for (; i < bound; i += step) {
            long at = i * Double.BYTES;
            long next = at + lanes * Double.BYTES;
            p0 = p0.add(DoubleVector.fromMemorySegment(DOUBLES, p, at, ORDER));
            q0 = q0.add(DoubleVector.fromMemorySegment(DOUBLES, q, at, ORDER));
            p1 = p1.add(DoubleVector.fromMemorySegment(DOUBLES, p, next, ORDER));
            q1 = q1.add(DoubleVector.fromMemorySegment(DOUBLES, q, next, ORDER));
        }
        double sum = p0.add(p1).add(q0.add(q1)).reduceLanes(VectorOperators.ADD);
        for (; i < count; i++) {
            sum += p.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i) + q.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
        }
        return sum;
    }
}
