package io.kldiv.bench;

import io.kldiv.Dtype;
import io.kldiv.HalfFloats;
import io.kldiv.InputForm;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.LongStream;

/**
 * Fills p and q columns with valid rows of an input form, fast enough for a 1 GiB table per trial: a hash of
 * (seed, side, element index) instead of a random generator (so any row is computed independently, in
 * parallel, and the same on every run), and simple formulas instead of Gaussian draws.
 *
 * <p>Rows are typical, not awkward: the kernels' tests own the edge cases. p is mildly peaked
 * (weights 10⁻³ + u⁴), q is p perturbed by a factor in [0.5, 1.5), so the divergences are small and finite.
 * Probability rows are normalized in double then rounded, so a float32 row sums to 1 within about 6e-8, far
 * inside the 1e-4 tolerance; log-probability rows are ln(w) − ln(Σw); logits lie in [−3, 3] and q's differ from
 * p's by less than ½.
 */
public final class BenchData {
    private static final long ROWS_PER_TASK = 64;

    private BenchData() {
    }

    /** Fills {@code rows} rows of {@code k} values in both columns. */
    public static void fill(MemorySegment p, MemorySegment q, Dtype dtype, InputForm form, int k, long rows, long seed) {
        long tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        LongStream.range(0, tasks).parallel().forEach(t -> {
            double[] wp = new double[k];
            double[] wq = new double[k];
            long end = Math.min(rows, (t + 1) * ROWS_PER_TASK);
            for (long r = t * ROWS_PER_TASK; r < end; r++) {
                fillRow(p, q, dtype, form, k, r, seed, wp, wq);
            }
        });
    }

    private static void fillRow(MemorySegment p, MemorySegment q, Dtype dtype, InputForm form, int k, long row,
            long seed, double[] wp, double[] wq) {
        long first = row * k;
        if (form.kind() == InputForm.Kind.LOGITS) {
            for (int i = 0; i < k; i++) {
                double a = 6.0 * uniform(seed, 0, first + i) - 3.0;
                store(p, dtype, first + i, a);
                store(q, dtype, first + i, a + uniform(seed, 1, first + i) - 0.5);
            }
            return;
        }
        double sumP = 0.0;
        double sumQ = 0.0;
        for (int i = 0; i < k; i++) {
            double u = uniform(seed, 0, first + i);
            double u2 = u * u;
            wp[i] = 1e-3 + u2 * u2;
            wq[i] = wp[i] * (0.5 + uniform(seed, 1, first + i));
            sumP += wp[i];
            sumQ += wq[i];
        }
        boolean logs = form.kind() == InputForm.Kind.LOGPROB;
        double lnSumP = Math.log(sumP);
        double lnSumQ = Math.log(sumQ);
        for (int i = 0; i < k; i++) {
            store(p, dtype, first + i, logs ? Math.log(wp[i]) - lnSumP : wp[i] / sumP);
            store(q, dtype, first + i, logs ? Math.log(wq[i]) - lnSumQ : wq[i] / sumQ);
        }
    }

    private static void store(MemorySegment column, Dtype dtype, long index, double value) {
        switch (dtype) {
            case FLOAT32 -> column.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, index, (float) value);
            case FLOAT64 -> column.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, index, value);
            case BFLOAT16, FLOAT16 ->
                    column.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, index, HalfFloats.fromFloat((float) value, dtype));
        }
    }

    /** A uniform double in [0, 1) from SplitMix64's finalizer of (seed, side, index). */
    static double uniform(long seed, int side, long index) {
        long z = seed + side * 0x632BE59BD9B4E019L + index * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
