package io.kldiv.kernel;

import io.kldiv.Dtype;
import io.kldiv.HalfFloats;
import io.kldiv.io.NativeOrderCopy;
import java.lang.foreign.MemorySegment;

/**
 * Reading stored values as doubles (float32 and the half types widened exactly), aligned or not, in native order.
 * An instance reads whole rows of one dtype: one bulk copy of the stored values into a scratch array, then a
 * widening loop over that array. A segment read per value costs a chain of method-handle calls until C2 has
 * compiled it, and a short job runs mostly before that; the bulk copy is an intrinsic from the first row on.
 * One instance per thread: it keeps scratch arrays.
 */
public final class RowValues {
    private final Dtype dtype;
    private final float[] floats;
    private final short[] halves;
    private int top1 = -1;

    /** A reader of rows of up to {@code k} values of {@code dtype}. */
    public RowValues(Dtype dtype, int k) {
        this.dtype = dtype;
        this.floats = dtype == Dtype.FLOAT32 ? new float[k] : new float[0];
        this.halves = dtype.bytes() == Short.BYTES ? new short[k] : new short[0];
    }

    /**
     * {@link #read}, returning the values' sum, or NaN when one of them has its sign bit set: a probability row's
     * check in the same pass (a NaN or +inf value makes the sum NaN or +inf by itself). A float32 row's top-1
     * category is found in the same pass too ({@link #top1OfLastRow}).
     */
    public double readProbabilities(MemorySegment segment, long rowOffset, double[] dst) {
        int n = dst.length;
        double sum = 0.0;
        long signs = 0;
        if (dtype == Dtype.FLOAT32) {
            NativeOrderCopy.toArray(segment, rowOffset, floats, n);
            // The batch scorer's rule (RankAgreement): the first largest value, a NaN never larger than anything.
            int top = 0;
            float largest = n == 0 ? Float.NaN : floats[0];
            for (int i = 0; i < n; i++) {
                float f = floats[i];
                double v = f;
                dst[i] = v;
                sum += v;
                signs |= Double.doubleToRawLongBits(v);
                if (f > largest) {
                    largest = f;
                    top = i;
                }
            }
            top1 = top;
        } else {
            read(segment, rowOffset, dst);
            for (double v : dst) {
                sum += v;
                signs |= Double.doubleToRawLongBits(v);
            }
        }
        return signs < 0 ? Double.NaN : sum;
    }

    /**
     * The top-1 category of the row last read by {@link #readProbabilities} from float32 values, by the batch
     * scorer's rule; −1 when the last row was read otherwise.
     */
    public int top1OfLastRow() {
        return top1;
    }

    /** The first {@code dst.length} values of the row starting at byte {@code rowOffset}. */
    public void read(MemorySegment segment, long rowOffset, double[] dst) {
        top1 = -1;
        int n = dst.length;
        switch (dtype) {
            case FLOAT64 -> NativeOrderCopy.toArray(segment, rowOffset, dst, n);
            case FLOAT32 -> {
                NativeOrderCopy.toArray(segment, rowOffset, floats, n);
                for (int i = 0; i < n; i++) {
                    dst[i] = floats[i];
                }
            }
            case BFLOAT16, FLOAT16 -> {
                NativeOrderCopy.toArray(segment, rowOffset, halves, n);
                for (int i = 0; i < n; i++) {
                    dst[i] = HalfFloats.toFloat(halves[i], dtype);
                }
            }
        }
    }
}
