package io.kldiv.simd;

import io.kldiv.Dtype;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Exact widening of bfloat16 and float16 lanes to float32 (and on to float64) with integer lane operations, for
 * the decoders of half-precision columns. Every half value is a float32, so nothing is rounded.
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

    private HalfWidening() {
    }

    /** The short species whose lanes pair one-to-one with {@code floats}' lanes. */
    static VectorSpecies<Short> shortsFor(VectorSpecies<Float> floats) {
        return VectorSpecies.of(short.class, VectorShape.forBitSize(floats.vectorBitSize() / 2));
    }

    /** {@code floats.length()} little-endian 16-bit values at {@code byteOffset}, widened to float32 lanes. */
    static FloatVector load(MemorySegment segment, long byteOffset, Dtype dtype, VectorSpecies<Float> floats) {
        ShortVector bits = ShortVector.fromMemorySegment(shortsFor(floats), segment, byteOffset, ByteOrder.LITTLE_ENDIAN);
        return widen(bits, dtype, floats);
    }

    /** {@code doubles.length()} little-endian 16-bit values at {@code byteOffset}, widened to float64 lanes. */
    static DoubleVector loadDoubles(MemorySegment segment, long byteOffset, Dtype dtype, VectorSpecies<Double> doubles) {
        VectorSpecies<Float> floats = VectorSpecies.of(float.class, VectorShape.forBitSize(doubles.vectorBitSize() / 2));
        return (DoubleVector) load(segment, byteOffset, dtype, floats).convertShape(VectorOperators.F2D, doubles, 0);
    }

    /** The half values in {@code bits} (as many lanes as {@code floats} has) as float32 lanes. */
    static FloatVector widen(ShortVector bits, Dtype dtype, VectorSpecies<Float> floats) {
        VectorSpecies<Integer> ints = VectorSpecies.of(int.class, floats.vectorShape());
        // S2I sign-extends; the upper 16 bits are shifted out (bfloat16) or masked off (float16).
        IntVector lanes = (IntVector) bits.convertShape(VectorOperators.S2I, ints, 0);
        return switch (dtype) {
            case BFLOAT16 -> lanes.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            case FLOAT16 -> float16(lanes, floats);
            default -> throw new IllegalArgumentException(dtype + " is not a 16-bit float type");
        };
    }

    private static FloatVector float16(IntVector lanes, VectorSpecies<Float> floats) {
        IntVector sign = lanes.and(FLOAT16_SIGN).lanewise(VectorOperators.LSHL, 16);
        IntVector exponent = lanes.and(FLOAT16_EXPONENT);
        IntVector mantissa = lanes.and(FLOAT16_MANTISSA);
        // Normal numbers: exponent and mantissa move up 13 bits together, then the exponent is rebiased.
        IntVector moved = lanes.and(FLOAT16_MAGNITUDE).lanewise(VectorOperators.LSHL, 13).add(REBIAS);
        VectorMask<Integer> infOrNaN = exponent.compare(VectorOperators.EQ, FLOAT16_EXPONENT);
        // Exponent 31 rebiased once lands on 143; once more reaches float32's all-ones 255.
        moved = moved.add(REBIAS, infOrNaN);
        VectorMask<Integer> zeroOrSubnormal = exponent.compare(VectorOperators.EQ, 0);
        IntVector subnormal = ((FloatVector) mantissa.convertShape(VectorOperators.I2F, floats, 0))
                .mul(SUBNORMAL_SCALE).reinterpretAsInts();
        return moved.blend(subnormal, zeroOrSubnormal).or(sign).reinterpretAsFloats();
    }
}
