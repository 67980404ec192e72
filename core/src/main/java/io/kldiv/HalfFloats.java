package io.kldiv;

/**
 * Exact widening of the two 16-bit float types to float32. bfloat16 is the upper half of a float32's bits;
 * float16 (IEEE binary16) has its own exponent bias and subnormals, which {@link Float#float16ToFloat} handles.
 */
public final class HalfFloats {
    private HalfFloats() {
    }

    /** The float32 value of the 16 bits {@code bits} stored as {@code dtype} (bfloat16 or float16). */
    public static float toFloat(short bits, Dtype dtype) {
        return switch (dtype) {
            case BFLOAT16 -> Float.intBitsToFloat((bits & 0xFFFF) << 16);
            case FLOAT16 -> Float.float16ToFloat(bits);
            default -> throw new IllegalArgumentException(dtype + " is not a 16-bit float type");
        };
    }

    /** Every element of {@code bits} widened to a double (exactly, through float32). */
    public static double[] widen(short[] bits, Dtype dtype) {
        double[] out = new double[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = toFloat(bits[i], dtype);
        }
        return out;
    }

    /**
     * The 16-bit pattern of {@code value} rounded to nearest-even in {@code dtype}: how test data and tools
     * produce half columns (NaN keeps a quiet NaN pattern).
     */
    public static short fromFloat(float value, Dtype dtype) {
        return switch (dtype) {
            case BFLOAT16 -> {
                int bits = Float.floatToRawIntBits(value);
                if (Float.isNaN(value)) {
                    yield (short) ((bits >>> 16) | 0x0040);
                }
                int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
                yield (short) ((bits + roundingBias) >>> 16);
            }
            case FLOAT16 -> Float.floatToFloat16(value);
            default -> throw new IllegalArgumentException(dtype + " is not a 16-bit float type");
        };
    }
}
