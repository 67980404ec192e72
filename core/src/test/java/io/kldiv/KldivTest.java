package io.kldiv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.kernel.RowStatus;
import io.kldiv.reference.Reference;
import io.kldiv.testing.RandomRows;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The embedding facade gives the reference's answers for single rows and batches. */
class KldivTest {

    @Test
    void oneRowOfEitherPrecision() {
        float[] p = {0.9f, 0.1f};
        float[] q = {0.1f, 0.9f};
        ScoreOptions options = ScoreOptions.of(Measure.KL, Measure.CROSS_ENTROPY).withBase(LogBase.BITS);
        double[] r = Kldiv.score(options, p, q);
        double[] want = Reference.score(options, p, q);
        assertEquals(want[0], r[0], 1e-6 * want[0]);
        assertEquals(want[1], r[1], 1e-6 * want[1]);
        double[] d = Kldiv.score(options, new double[] {0.9, 0.1}, new double[] {0.1, 0.9});
        assertEquals(0.8 * Math.log(9) / Math.log(2), d[0], 1e-12);
    }

    @Test
    void aBatchOfHeapRows() {
        RandomRows rows = new RandomRows(4);
        int n = 30;
        int k = 17;
        double[] p = new double[n * k];
        double[] q = new double[n * k];
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows.logits(k, 5, 0.1), 0, p, r * k, k);
            System.arraycopy(rows.probabilities(k, 0.0), 0, q, r * k, k);
        }
        ScoreOptions options = ScoreOptions.of(Measure.JS, Measure.KL).withForms(InputForm.LOGITS, InputForm.PROB);
        ResultColumns out = ResultColumns.onHeap(2, n);
        Kldiv.score(options, PairRows.contiguous(MemorySegment.ofArray(p), MemorySegment.ofArray(q), Dtype.FLOAT64, k, n), out);
        for (int r = 0; r < n; r++) {
            double[] want = Reference.score(options, java.util.Arrays.copyOfRange(p, r * k, r * k + k),
                    java.util.Arrays.copyOfRange(q, r * k, r * k + k));
            assertEquals(RowStatus.VALID, out.status(r));
            assertEquals(want[0], out.get(0, r), 1e-12 * (1 + want[0]));
            assertEquals(want[1], out.get(1, r), 1e-12 * (1 + want[1]));
        }
    }

    @Test
    void mismatchedLengthsAndInvalidRowsAreErrors() {
        var e = assertThrows(InvalidRowException.class, () -> Kldiv.score(ScoreOptions.of(Measure.KL), new float[3], new float[2]));
        assertEquals(InvalidReason.LENGTH_MISMATCH, e.reason());
        var nan = assertThrows(InvalidRowException.class,
                () -> Kldiv.score(ScoreOptions.of(Measure.KL), new double[] {0.5, Double.NaN}, new double[] {0.5, 0.5}));
        assertTrue(nan.getMessage().contains("p category 1: value is NaN"), nan.getMessage());
    }

    @Test
    void halfRowsScoreLikeTheReferenceOnTheirWidenedValues() {
        // bfloat16 bits of 0.25, 0.5, 0.25 and 0.5, 0.25, 0.25; float16 bits of the same values.
        short[] pBf16 = {0x3E80, 0x3F00, 0x3E80};
        short[] qBf16 = {0x3F00, 0x3E80, 0x3E80};
        short[] pF16 = {0x3400, 0x3800, 0x3400};
        short[] qF16 = {0x3800, 0x3400, 0x3400};
        double[] p = {0.25, 0.5, 0.25};
        double[] q = {0.5, 0.25, 0.25};
        double want = 0.25 * Math.log(0.5) + 0.5 * Math.log(2.0); // Σ p ln(p/q), hand-derived
        ScoreOptions kl = ScoreOptions.of(Measure.KL);
        assertEquals(want, Reference.score(kl, p, q)[0], 1e-15);
        assertEquals(want, Kldiv.score(kl, pBf16, qBf16, Dtype.BFLOAT16)[0], 1e-6 * 2);
        assertEquals(want, Kldiv.score(kl, pF16, qF16, Dtype.FLOAT16)[0], 1e-6 * 2);
        assertThrows(IllegalArgumentException.class, () -> Kldiv.score(kl, pF16, qF16, Dtype.FLOAT32));
    }
}
