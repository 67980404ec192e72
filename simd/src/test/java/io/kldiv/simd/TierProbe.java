package io.kldiv.simd;

import io.kldiv.Dtype;
import io.kldiv.InputForm;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.Kernels;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.testing.FormRows;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a fixed set of rows (every form, both dtypes, narrow and wide K) with the kernel this JVM chose and
 * prints each result's bits, one per line: what {@link JitTierIndependenceTest} compares between JVMs that run
 * the kernel interpreted, under C1 only, and after C2 has compiled it.
 */
public final class TierProbe {
    private static final List<InputForm> FORMS =
            List.of(InputForm.PROB, InputForm.NORMALIZE, InputForm.LOGPROB, InputForm.logits(0.7));
    private static final int[] K = {5, 37, 300};
    private static final int ROWS = 6;

    private TierProbe() {
    }

    /**
     * Arguments: the kernel's name in the JVM that compares ({@code scalar}, or a SIMD kernel's), and optionally how
     * many rounds to score (the last one's bits are printed), enough for C2 to compile the kernel.
     */
    public static void main(String[] args) {
        // Built directly: the dispatch would refuse SIMD in an interpreted JVM, which is exactly what is tested here.
        Kernel kernel = args[0].equals("scalar") ? Kernels.scalar() : new SimdKernel();
        if (!kernel.name().equals(args[0])) {
            throw new IllegalStateException("probe runs " + kernel.name() + ", not " + args[0]);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<Long> last = List.of();
        for (int round = 0; round < rounds; round++) {
            last = score(kernel);
        }
        for (long bits : last) {
            System.out.println(Long.toHexString(bits));
        }
    }

    /** Every result of every case, as raw bits, in a fixed order. */
    static List<Long> score(Kernel kernel) {
        List<Long> bits = new ArrayList<>();
        ScoreOptions all = ScoreOptions.of(Measure.values());
        for (Dtype dtype : List.of(Dtype.FLOAT32, Dtype.FLOAT64)) { // half columns are widened to float32 first
            for (InputForm form : FORMS) {
                for (int k : K) {
                    PairRows in = rows(dtype, form, k);
                    ResultColumns out = ResultColumns.onHeap(Measure.values().length, ROWS);
                    kernel.score(in, all.withForms(form), 0, ROWS, out);
                    for (int r = 0; r < ROWS; r++) {
                        for (int m = 0; m < Measure.values().length; m++) {
                            bits.add(Double.doubleToRawLongBits(out.get(m, r)));
                        }
                    }
                }
            }
        }
        return bits;
    }

    private static PairRows rows(Dtype dtype, InputForm form, int k) {
        FormRows gen = new FormRows(17L * k + form.kind().ordinal() + 5L * dtype.ordinal());
        float[] pf = new float[ROWS * k];
        float[] qf = new float[ROWS * k];
        double[] pd = new double[ROWS * k];
        double[] qd = new double[ROWS * k];
        for (int r = 0; r < ROWS; r++) {
            double[] p = gen.row(form, dtype, k, r % 2 == 0 ? 0.0 : 0.2);
            double[] q = r == 3 ? gen.nearby(form, dtype, p) : gen.row(form, dtype, k, 0.1);
            for (int i = 0; i < k; i++) {
                pf[r * k + i] = (float) p[i];
                qf[r * k + i] = (float) q[i];
                pd[r * k + i] = p[i];
                qd[r * k + i] = q[i];
            }
        }
        return dtype == Dtype.FLOAT32
                ? PairRows.contiguous(MemorySegment.ofArray(pf), MemorySegment.ofArray(qf), dtype, k, ROWS)
                : PairRows.contiguous(MemorySegment.ofArray(pd), MemorySegment.ofArray(qd), dtype, k, ROWS);
    }
}
