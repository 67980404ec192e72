package io.kldiv.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every one of the 65536 bit patterns, in vector lanes and in the scalar tail, against the JDK's scalar conversions: bit-exact,
 * except that a NaN only has to be a NaN (the JDK may quiet it, and kldiv treats every NaN alike).
 */
class HalfWideningTest {
    private static final int PATTERNS = 1 << 16;

    /** The independent expectation: the JDK's float16 conversion, or bfloat16 as a float32's upper half. */
    private static float expected(int bits, Dtype dtype) {
        return dtype == Dtype.FLOAT16 ? Float.float16ToFloat((short) bits) : Float.intBitsToFloat(bits << 16);
    }

    /** All patterns in order, little-endian, with room for one more vector past the end. */
    private static MemorySegment allPatterns(Arena arena) {
        MemorySegment segment = arena.allocate((PATTERNS + 64) * 2L);
        for (int bits = 0; bits < PATTERNS; bits++) {
            segment.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), bits * 2L,
                    (short) bits);
        }
        return segment;
    }

    /** Whole vectors from the start, and a run that starts mid-vector and ends in a tail widened one by one. */
    @ParameterizedTest
    @EnumSource(value = Dtype.class, names = {"BFLOAT16", "FLOAT16"})
    void everyPatternWidensExactly(Dtype dtype) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = allPatterns(arena);
            for (int first : new int[] {0, 3}) {
                int count = PATTERNS - first - 2; // not a whole number of vectors
                float[] widened = new float[count + 5];
                HalfWidening.widenLoop(segment, first * 2L, dtype, count, widened, 5);
                for (int i = 0; i < count; i++) {
                    int bits = first + i;
                    float want = expected(bits, dtype);
                    float got = widened[5 + i];
                    if (Float.isNaN(want)) {
                        // The JDK's own conversion may quiet NaNs; a NaN only needs to stay a NaN.
                        assertTrue(Float.isNaN(got), () -> dtype + " 0x" + Integer.toHexString(bits) + ": got " + got);
                        continue;
                    }
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got),
                            () -> dtype + " 0x" + Integer.toHexString(bits) + ": " + want + " expected, got " + got);
                }
            }
        }
    }
}
