package io.kldiv.kernel;

import io.kldiv.Dtype;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Reading stored values as doubles (float32 widened exactly), aligned or not, in native order. */
public final class RowValues {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private RowValues() {
    }

    /** Element {@code i} of a row starting at byte {@code rowOffset}. */
    public static double get(MemorySegment segment, Dtype dtype, long rowOffset, long i) {
        return dtype == Dtype.FLOAT32
                ? segment.get(FLOAT, rowOffset + i * Float.BYTES)
                : segment.get(DOUBLE, rowOffset + i * Double.BYTES);
    }

    /** The first {@code dst.length} values of the row starting at byte {@code rowOffset}. */
    public static void read(MemorySegment segment, Dtype dtype, long rowOffset, double[] dst) {
        if (dtype == Dtype.FLOAT64) {
            MemorySegment.copy(segment, DOUBLE, rowOffset, dst, 0, dst.length);
        } else {
            for (int i = 0; i < dst.length; i++) {
                dst[i] = segment.get(FLOAT, rowOffset + (long) i * Float.BYTES);
            }
        }
    }
}
