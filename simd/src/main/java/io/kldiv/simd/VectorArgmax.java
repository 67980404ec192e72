package io.kldiv.simd;

import static io.kldiv.simd.Species.FLOATS;
import static io.kldiv.simd.Species.ORDER;

import io.kldiv.kernel.FloatArgmax;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The top-1 category of a float32 row in two vector passes: the largest value, then the first lane equal to it.
 * The scalar scan's "greater than" skips a NaN and treats −0.0 and +0.0 as one value; so do the lanes' greater-than
 * blend (a NaN never replaces a maximum) and the equality test, and both find the same first index of the largest
 * value. A row that starts with NaN answers 0 under the scalar rule, and is left to it. Four running maxima: one
 * would wait for each compare and blend before the next.
 */
final class VectorArgmax implements FloatArgmax {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final int L = FLOATS.length();

    @Override
    public int of(MemorySegment values, long rowOffset, int k) {
        float first = values.get(FLOAT, rowOffset);
        if (Float.isNaN(first)) {
            return 0;
        }
        return firstEqualLoop(values, rowOffset, k, maxLoop(values, rowOffset, k, first));
    }

    /** The largest value that is not NaN; {@code first}, the row's first value, is not NaN. */
    private static float maxLoop(MemorySegment values, long rowOffset, int k, float first) {
        FloatVector m0 = FloatVector.broadcast(FLOATS, first);
        FloatVector m1 = m0;
        FloatVector m2 = m0;
        FloatVector m3 = m0;
        int i = 0;
        for (; i + 4 * L <= k; i += 4 * L) {
            long at = rowOffset + (long) i * Float.BYTES;
            m0 = larger(m0, FloatVector.fromMemorySegment(FLOATS, values, at, ORDER));
            m1 = larger(m1, FloatVector.fromMemorySegment(FLOATS, values, at + L * Float.BYTES, ORDER));
            m2 = larger(m2, FloatVector.fromMemorySegment(FLOATS, values, at + 2L * L * Float.BYTES, ORDER));
            m3 = larger(m3, FloatVector.fromMemorySegment(FLOATS, values, at + 3L * L * Float.BYTES, ORDER));
        }
        for (; i + L <= k; i += L) {
            m0 = larger(m0, FloatVector.fromMemorySegment(FLOATS, values, rowOffset + (long) i * Float.BYTES, ORDER));
        }
        float max = larger(larger(m0, m1), larger(m2, m3)).reduceLanes(VectorOperators.MAX); // no NaN lanes left
        for (; i < k; i++) {
            float v = values.get(FLOAT, rowOffset + (long) i * Float.BYTES);
            if (v > max) {
                max = v;
            }
        }
        return max;
    }

    private static FloatVector larger(FloatVector max, FloatVector v) {
        return max.blend(v, v.compare(VectorOperators.GT, max));
    }

    private static int firstEqualLoop(MemorySegment values, long rowOffset, int k, float max) {
        int bound = FLOATS.loopBound(k);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            VectorMask<Float> equal = FloatVector.fromMemorySegment(FLOATS, values, rowOffset + (long) i * Float.BYTES, ORDER)
                    .compare(VectorOperators.EQ, max);
            if (equal.anyTrue()) {
                return i + equal.firstTrue();
            }
        }
        for (; i < k; i++) {
            if (values.get(FLOAT, rowOffset + (long) i * Float.BYTES) == max) {
                return i;
            }
        }
        throw new IllegalStateException("no value equals the row's maximum " + max);
    }
}
