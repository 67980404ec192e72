package io.kldiv.batch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import io.kldiv.InputForm;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.RowValues;
import io.kldiv.reference.Reference;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up block must be valid input in every form and dtype, as the reference judges it: an invalid block
 * would stop the warm-up at its first call and leave the job cold.
 */
class KernelWarmupTest {
    private static final List<InputForm> FORMS =
            List.of(InputForm.PROB, InputForm.NORMALIZE, InputForm.LOGPROB, InputForm.LOGITS, InputForm.logits(2.5));

    @Test
    void syntheticRowsAreValidInEveryFormDtypeAndK() {
        for (Dtype dtype : Dtype.values()) {
            for (int k : new int[] {1, 2, 7, 32, 1000, 4097}) {
                for (InputForm pForm : FORMS) {
                    for (InputForm qForm : FORMS) {
                        ScoreOptions options = ScoreOptions.of(Measure.KL, Measure.JS).withForms(pForm, qForm);
                        try (Arena arena = Arena.ofConfined()) {
                            PairRows block = KernelWarmup.syntheticBlock(arena, options, dtype, k, 2);
                            double[] p = row(block.p(), dtype, k);
                            double[] q = row(block.q(), dtype, k);
                            double[] r = assertDoesNotThrow(() -> Reference.score(options, p, q, dtype),
                                    dtype + " K=" + k + " " + pForm + "/" + qForm);
                            // JS, not KL: a half-precision row does not sum to exactly 1, and KL on it can be < 0.
                            assertTrue(k == 1 || r[1] > 0, "p and q differ, so JS > 0: " + r[1]);
                        }
                    }
                }
            }
        }
    }

    private static double[] row(MemorySegment segment, Dtype dtype, int k) {
        double[] values = new double[k];
        new RowValues(dtype, k).read(segment, 0, values);
        return values;
    }
}
