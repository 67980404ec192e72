package io.kldiv.simd;

import static io.kldiv.simd.Species.FLOATS;
import static io.kldiv.simd.Species.HALF_SHORTS;
import static io.kldiv.simd.Species.INTS;

import io.kldiv.Dtype;
import io.kldiv.HalfFloats;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Exact widening of bfloat16 and float16 values to float32 with integer lane operations, for half-precision columns
 * ({@link HalfRows}). Every half value is a float32, so nothing is rounded.
 *
 * <p>bfloat16 is the upper half of a float32: shift left 16. float16 (1 sign, 5 exponent, 10 mantissa bits,
 * bias 15) is moved into float32's fields and its exponent rebiased by 127 − 15 = 112; all-ones exponents (inf,
 * NaN) are rebiased to all-ones again, so infinities stay infinite and NaNs stay NaN (payload moved up); and
 * subnormals (exponent 0, value mantissa·2⁻²⁴) are converted from the integer mantissa and scaled by 2⁻²⁴,
 * both exact, since float32 has room for every such value as a normal number.
 */
final class HalfWidening {
    private static final int FLOAT16_EXPONENT = 0x7C00;
    private static final int FLOAT16_MAGNITUDE = 0x7FFF;
    private static final int FLOAT16_MANTISSA = 0x03FF;
    private static final int FLOAT16_SIGN = 0x8000;
    /** (127 − 15) in float32's exponent field. */
    private static final int REBIAS = 112 << 23;
    private static final float SUBNORMAL_SCALE = 0x1p-24f;
    private static final int STEP = FLOATS.length();
    private static final ValueLayout.OfShort LITTLE_ENDIAN_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private HalfWidening() {
    }

    /**
     * {@code count} little-endian 16-bit values of {@code dtype} from byte {@code offset}, widened into
     * {@code dst} from index {@code at}: whole vectors, then the last few values one by one. One loop per type,
     * not one with a choice inside: a vector picked by a branch is boxed by C2.
     */
    static void widenLoop(MemorySegment values, long offset, Dtype dtype, int count, float[] dst, int at) {
        int i = 0;
        if (dtype == Dtype.BFLOAT16) {
            for (; i + STEP <= count; i += STEP) {
                bfloat16(lanes(values, offset + 2L * i)).intoArray(dst, at + i);
            }
        } else if (dtype == Dtype.FLOAT16) {
            for (; i + STEP <= count; i += STEP) {
                float16(lanes(values, offset + 2L * i)).intoArray(dst, at + i);
            }
        } else {
            throw new IllegalArgumentException(dtype + " is not a 16-bit float type");
        }
        for (; i < count; i++) {
            dst[at + i] = HalfFloats.toFloat(values.get(LITTLE_ENDIAN_SHORT, offset + 2L * i), dtype);
        }
    }

    /** {@link Species#FLOATS}' lane count of 16-bit values as int lanes; S2I sign-extends, which both types ignore. */
    private static IntVector lanes(MemorySegment values, long offset) {
        ShortVector bits = ShortVector.fromMemorySegment(HALF_SHORTS, values, offset, ByteOrder.LITTLE_ENDIAN);
        return (IntVector) bits.convertShape(VectorOperators.S2I, INTS, 0);
    }

    /** The upper 16 bits of a float32: the sign-extended upper half is shifted out. */
    private static FloatVector bfloat16(IntVector lanes) {
        return lanes.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    private static FloatVector float16(IntVector lanes) {
        IntVector sign = lanes.and(FLOAT16_SIGN).lanewise(VectorOperators.LSHL, 16);
        IntVector exponent = lanes.and(FLOAT16_EXPONENT);
        IntVector mantissa = lanes.and(FLOAT16_MANTISSA);
        // Normal numbers: exponent and mantissa move up 13 bits together, then the exponent is rebiased.
        IntVector moved = lanes.and(FLOAT16_MAGNITUDE).lanewise(VectorOperators.LSHL, 13).add(REBIAS);
        VectorMask<Integer> infOrNaN = exponent.compare(VectorOperators.EQ, FLOAT16_EXPONENT);
        // Exponent 31 rebiased once lands on 143; once more reaches float32's all-ones 255.
        moved = moved.add(REBIAS, infOrNaN);
        VectorMask<Integer> zeroOrSubnormal = exponent.compare(VectorOperators.EQ, 0);
        IntVector subnormal = ((FloatVector) mantissa.convertShape(VectorOperators.I2F, FLOATS, 0))
                .mul(SUBNORMAL_SCALE).reinterpretAsInts();
        return moved.blend(subnormal, zeroOrSubnormal).or(sign).reinterpretAsFloats();
    }
}
