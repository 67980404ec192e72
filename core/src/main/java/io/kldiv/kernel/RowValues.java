package io.kldiv.kernel;

import io.kldiv.Dtype;
import io.kldiv.HalfFloats;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Reading stored values as doubles (float32 and the half types widened exactly), aligned or not, in native order. */
public final class RowValues {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

    private RowValues() {
    }

    /** Element {@code i} of a row starting at byte {@code rowOffset}. */
    public static double get(MemorySegment segment, Dtype dtype, long rowOffset, long i) {
        return switch (dtype) {
            case FLOAT32 -> segment.get(FLOAT, rowOffset + i * Float.BYTES);
            case FLOAT64 -> segment.get(DOUBLE, rowOffset + i * Double.BYTES);
            case BFLOAT16, FLOAT16 -> HalfFloats.toFloat(segment.get(SHORT, rowOffset + i * Short.BYTES), dtype);
        };
    }

    /** The first {@code dst.length} values of the row starting at byte {@code rowOffset}. */
    public static void read(MemorySegment segment, Dtype dtype, long rowOffset, double[] dst) {
        if (dtype == Dtype.FLOAT64) {
            MemorySegment.copy(segment, DOUBLE, rowOffset, dst, 0, dst.length);
        } else if (dtype == Dtype.FLOAT32) {
            for (int i = 0; i < dst.length; i++) { // the common case without a type switch per value
                dst[i] = segment.get(FLOAT, rowOffset + (long) i * Float.BYTES);
            }
        } else {
            for (int i = 0; i < dst.length; i++) {
                dst[i] = get(segment, dtype, rowOffset, i);
            }
        }
    }
}
