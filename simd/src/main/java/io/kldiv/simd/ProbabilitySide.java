package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.FLOATS;
import static io.kldiv.simd.Species.LANES;
import static io.kldiv.simd.Species.ORDER;

import io.kldiv.Dtype;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Probabilities as stored: p = x, ln p = ln x. The checks ride along: the smallest value catches negatives and
 * NaN, the sum (which NaN and +inf spoil too) must be 1 within the tolerance.
 */
final class ProbabilitySide extends VectorSide {
    private final double tolerance;
    // Running per-lane sum and minimum across blocks, kept in arrays rather than vector fields: a loop whose
    // accumulator starts from a vector field gets it boxed on every iteration by C2 (a heap vector per step).
    private final double[] sum = new double[LANES];
    private final double[] min = new double[LANES];

    ProbabilitySide(Dtype dtype, double tolerance, boolean lanesAreRows, boolean needsLogs) {
        super(dtype, lanesAreRows, needsLogs);
        this.tolerance = tolerance;
    }

    @Override
    void begin(MemorySegment values, long offset, int count) {
        Arrays.fill(sum, 0.0);
        Arrays.fill(min, Double.POSITIVE_INFINITY);
    }

    @Override
    void decode(MemorySegment values, long offset, int count, double[] p, double[] lnP) {
        // One loop per dtype, not one with a choice inside: a vector chosen by a branch is boxed by C2.
        if (float32) {
            decodeFloatsLoop(values, offset, count, p);
        } else {
            decodeDoublesLoop(values, offset, count, p);
        }
        if (needsLogs) {
            logsLoop(p, lnP, count);
        }
    }

    /** The values alone: a ratio of two probability sides is taken from the values (RatioLogSum), not from logs. */
    private void decodeDoublesLoop(MemorySegment values, long offset, int count, double[] p) {
        DoubleVector s = DoubleVector.fromArray(DOUBLES, sum, 0);
        DoubleVector m = DoubleVector.fromArray(DOUBLES, min, 0);
        for (int i = 0; i < count; i += LANES) {
            DoubleVector x = Loads.widened(values, offset + (long) i * Double.BYTES, false, count - i, ZERO_PROBABILITY);
            x.intoArray(p, i);
            s = s.add(x);
            m = m.min(x);
        }
        s.intoArray(sum, 0);
        m.intoArray(min, 0);
    }

    /**
     * Float32 values a full float vector at a time, widened in two halves (a half-width load widened in one step
     * is not compiled into vector code on every width).
     */
    private void decodeFloatsLoop(MemorySegment values, long offset, int count, double[] p) {
        DoubleVector s = DoubleVector.fromArray(DOUBLES, sum, 0);
        DoubleVector m = DoubleVector.fromArray(DOUBLES, min, 0);
        for (int i = 0; i < count; i += 2 * LANES) {
            long at = offset + (long) i * Float.BYTES;
            FloatVector x = count - i >= 2 * LANES
                    ? FloatVector.fromMemorySegment(FLOATS, values, at, ORDER)
                    : FloatVector.fromMemorySegment(FLOATS, values, at, ORDER, FLOATS.indexInRange(i, count));
            DoubleVector lo = (DoubleVector) x.convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector hi = (DoubleVector) x.convertShape(VectorOperators.F2D, DOUBLES, 1);
            lo.intoArray(p, i);
            hi.intoArray(p, i + LANES);
            s = s.add(lo).add(hi);
            m = m.min(lo).min(hi);
        }
        s.intoArray(sum, 0);
        m.intoArray(min, 0);
    }

    @Override
    long validLanes() {
        DoubleVector total = Lanes.total(DoubleVector.fromArray(DOUBLES, sum, 0), lanesAreRows);
        DoubleVector low = Lanes.min(DoubleVector.fromArray(DOUBLES, min, 0), lanesAreRows);
        return low.compare(VectorOperators.GE, 0.0)
                .and(total.sub(1.0).abs().compare(VectorOperators.LE, tolerance))
                .toLong();
    }
}
