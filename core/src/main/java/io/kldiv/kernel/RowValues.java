package io.kldiv.kernel;

import io.kldiv.Dtype;
import io.kldiv.HalfFloats;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reading stored values as doubles (float32 and the half types widened exactly), aligned or not, in native order.
 * An instance reads whole rows of one dtype: one bulk copy of the stored values into a scratch array, then a
 * widening loop over that array. A segment read per value costs a chain of method-handle calls until C2 has
 * compiled it, and a short job runs mostly before that; the bulk copy is an intrinsic from the first row on.
 * One instance per thread: it keeps scratch arrays.
 */
public final class RowValues {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

    private final Dtype dtype;
    private final float[] floats;
    private final short[] halves;

    /** A reader of rows of up to {@code k} values of {@code dtype}. */
    public RowValues(Dtype dtype, int k) {
        this.dtype = dtype;
        this.floats = dtype == Dtype.FLOAT32 ? new float[k] : new float[0];
        this.halves = dtype.bytes() == Short.BYTES ? new short[k] : new short[0];
    }

    /**
     * {@link #read}, returning the values' sum, or NaN when one of them has its sign bit set: a probability row's
     * check in the same pass (a NaN or +inf value makes the sum NaN or +inf by itself).
     */
    public double readProbabilities(MemorySegment segment, long rowOffset, double[] dst) {
        int n = dst.length;
        double sum = 0.0;
        long signs = 0;
        if (dtype == Dtype.FLOAT32) {
            MemorySegment.copy(segment, FLOAT, rowOffset, floats, 0, n);
            for (int i = 0; i < n; i++) {
                double v = floats[i];
                dst[i] = v;
                sum += v;
                signs |= Double.doubleToRawLongBits(v);
            }
        } else {
            read(segment, rowOffset, dst);
            for (double v : dst) {
                sum += v;
                signs |= Double.doubleToRawLongBits(v);
            }
        }
        return signs < 0 ? Double.NaN : sum;
    }

    /** The first {@code dst.length} values of the row starting at byte {@code rowOffset}. */
    public void read(MemorySegment segment, long rowOffset, double[] dst) {
        int n = dst.length;
        switch (dtype) {
            case FLOAT64 -> MemorySegment.copy(segment, DOUBLE, rowOffset, dst, 0, n);
            case FLOAT32 -> {
                MemorySegment.copy(segment, FLOAT, rowOffset, floats, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[i] = floats[i];
                }
            }
            case BFLOAT16, FLOAT16 -> {
                MemorySegment.copy(segment, SHORT, rowOffset, halves, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[i] = HalfFloats.toFloat(halves[i], dtype);
                }
            }
        }
    }
}
