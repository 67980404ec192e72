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
 * value. A row that starts with NaN answers 0, as the scalar scan does (nothing is greater than its first value).
 * Four running maxima: one would wait for each compare and blend before the next.
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

    /**
     * The largest value that is not NaN; {@code first}, the row's first value, is not NaN. The greater-than blend
     * is written out in each line, not called: a small vector helper that C2 has already compiled on its own is
     * not inlined again, and every vector through it would be boxed.
     */
    private static float maxLoop(MemorySegment values, long rowOffset, int k, float first) {
        FloatVector m0 = FloatVector.broadcast(FLOATS, first);
        FloatVector m1 = m0;
        FloatVector m2 = m0;
        FloatVector m3 = m0;
        int i = 0;
        for (; i + 4 * L <= k; i += 4 * L) {
            long at = rowOffset + (long) i * Float.BYTES;
            FloatVector v0 = FloatVector.fromMemorySegment(FLOATS, values, at, ORDER);
            FloatVector v1 = FloatVector.fromMemorySegment(FLOATS, values, at + L * Float.BYTES, ORDER);
            FloatVector v2 = FloatVector.fromMemorySegment(FLOATS, values, at + 2L * L * Float.BYTES, ORDER);
            FloatVector v3 = FloatVector.fromMemorySegment(FLOATS, values, at + 3L * L * Float.BYTES, ORDER);
            m0 = m0.blend(v0, v0.compare(VectorOperators.GT, m0));
            m1 = m1.blend(v1, v1.compare(VectorOperators.GT, m1));
            m2 = m2.blend(v2, v2.compare(VectorOperators.GT, m2));
            m3 = m3.blend(v3, v3.compare(VectorOperators.GT, m3));
        }
        for (; i + L <= k; i += L) {
            FloatVector v = FloatVector.fromMemorySegment(FLOATS, values, rowOffset + (long) i * Float.BYTES, ORDER);
            m0 = m0.blend(v, v.compare(VectorOperators.GT, m0));
        }
        float max = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX); // no NaN lanes left
        for (; i < k; i++) {
            float v = values.get(FLOAT, rowOffset + (long) i * Float.BYTES);
            if (v > max) {
                max = v;
            }
        }
        return max;
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
