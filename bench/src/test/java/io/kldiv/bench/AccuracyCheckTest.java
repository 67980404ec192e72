package io.kldiv.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.ScoreOptions;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.Kernels;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The benchmark data is valid for every form and dtype, and the gate stops a kernel that leaves the bound. */
class AccuracyCheckTest {

    @ParameterizedTest
    @CsvSource({
            "float32, prob, 4", "float32, logprob, 33", "float32, logits, 4096",
            "float64, prob, 4096", "float64, logprob, 4", "float64, logits, 33",
            "float32, prob, 131072"})
    void theScalarKernelPassesTheGateOnBenchmarkData(String dtype, String form, int k) {
        try (Workload w = new Workload(WorkingSet.CACHE, dtype, form, "all", k)) {
            ResultColumns out = w.out();
            Kernels.scalar().score(w.in, w.options, 0, w.in.rows(), out);
            assertDoesNotThrow(() -> AccuracyCheck.verify("test", "scalar", w.in, w.options, out, 1));
        }
    }

    @Test
    void aKernelOffByMoreThanTheBoundIsRefused() {
        Kernel wrong = new Kernel() {
            @Override
            public String name() {
                return "fast-and-wrong";
            }

            @Override
            public void score(PairRows in, ScoreOptions options, long fromRow, long toRow, ResultColumns out) {
                Kernels.scalar().score(in, options, fromRow, toRow, out);
                out.set(0, toRow - 1, out.get(0, toRow - 1) + 1e-3);
            }
        };
        try (Workload w = new Workload(WorkingSet.CACHE, "float32", "prob", "kl", 256)) {
            ResultColumns out = w.out();
            wrong.score(w.in, w.options, 0, w.in.rows(), out);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> AccuracyCheck.verify("test", wrong.name(), w.in, w.options, out, 997));
            assertTrue(e.getMessage().contains("fast-and-wrong") && e.getMessage().contains("row " + (w.in.rows() - 1)),
                    e.getMessage());
        }
    }
}
