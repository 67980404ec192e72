package io.kldiv.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every one of the 65536 bit patterns, in every lane position, against the JDK's scalar conversions: bit-exact,
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

    @ParameterizedTest
    @EnumSource(value = Dtype.class, names = {"BFLOAT16", "FLOAT16"})
    void floatLanesAreExactForEveryPattern(Dtype dtype) {
        for (int bitSize : new int[] {128, 256, 512}) {
            if (bitSize > Species.BITS) {
                continue; // wider than this machine's vectors: not intrinsified, and not what the kernel uses
            }
            VectorSpecies<Float> floats = VectorSpecies.of(float.class, VectorShape.forBitSize(bitSize));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment segment = allPatterns(arena);
                for (int start = 0; start < PATTERNS; start += floats.length()) {
                    FloatVector lanes = HalfWidening.load(segment, start * 2L, dtype, floats);
                    for (int lane = 0; lane < floats.length(); lane++) {
                        int bits = start + lane;
                        float want = expected(bits, dtype);
                        float got = lanes.lane(lane);
                        if (Float.isNaN(want)) {
                            // The JDK's own conversion may quiet NaNs; a NaN only needs to stay a NaN.
                            assertTrue(Float.isNaN(got), () -> dtype + " 0x" + Integer.toHexString(bits) + ": got " + got);
                            continue;
                        }
                        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got),
                                () -> dtype + " 0x" + Integer.toHexString(bits) + " at " + bitSize + " bits: " + want
                                        + " expected, got " + got);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dtype.class, names = {"BFLOAT16", "FLOAT16"})
    void doubleLanesAreExactForEveryPattern(Dtype dtype) {
        VectorSpecies<Double> doubles = Species.DOUBLES;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = allPatterns(arena);
            for (int start = 0; start < PATTERNS; start += doubles.length()) {
                DoubleVector lanes = HalfWidening.loadDoubles(segment, start * 2L, dtype, doubles);
                for (int lane = 0; lane < doubles.length(); lane++) {
                    int bits = start + lane;
                    double want = expected(bits, dtype);
                    double got = lanes.lane(lane);
                    if (Double.isNaN(want)) {
                        assertTrue(Double.isNaN(got), () -> dtype + " 0x" + Integer.toHexString(bits) + ": got " + got);
                    } else {
                        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got),
                                () -> dtype + " 0x" + Integer.toHexString(bits) + ": " + want + " expected, got " + got);
                    }
                }
            }
        }
    }
}
