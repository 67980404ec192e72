package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.HALF_FLOATS;
import static io.kldiv.simd.Species.LANES;
import static io.kldiv.simd.Species.ORDER;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Stored values as double lanes, float32 widened exactly. Loads are unaligned: .npy mappings and rows whose
 * stride is not a multiple of the vector put values anywhere, and peeling to an aligned start would make a row's
 * result depend on its address.
 */
final class Loads {
    private Loads() {
    }

    /**
     * The {@link Species#LANES} values from byte {@code offset}; when fewer than that {@code remain}, the missing
     * lanes read as {@code fill} (a value the form treats as probability 0) and nothing past them is touched.
     */
    static DoubleVector widened(MemorySegment values, long offset, boolean float32, int remain, double fill) {
        if (remain >= LANES) {
            return float32
                    ? (DoubleVector) FloatVector.fromMemorySegment(HALF_FLOATS, values, offset, ORDER)
                            .convertShape(VectorOperators.F2D, DOUBLES, 0)
                    : DoubleVector.fromMemorySegment(DOUBLES, values, offset, ORDER);
        }
        return partial(values, offset, float32, remain, fill);
    }

    /** Kept out of {@link #widened} so that the whole-vector path stays small enough for C2 to inline. */
    private static DoubleVector partial(MemorySegment values, long offset, boolean float32, int remain, double fill) {
        VectorMask<Double> present = DOUBLES.indexInRange(0, remain);
        DoubleVector x = float32
                ? (DoubleVector) FloatVector.fromMemorySegment(HALF_FLOATS, values, offset, ORDER, HALF_FLOATS.indexInRange(0, remain))
                        .convertShape(VectorOperators.F2D, DOUBLES, 0)
                : DoubleVector.fromMemorySegment(DOUBLES, values, offset, ORDER, present);
        return fill == 0.0 ? x : x.blend(fill, present.not());
    }
}
