package io.kldiv.bench;

import io.kldiv.ScoreOptions;
import io.kldiv.batch.BatchResult;
import io.kldiv.batch.BatchScorer;
import io.kldiv.batch.BatchSummary;
import io.kldiv.batch.ProgressListener;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.PairRows;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole job through {@link BatchScorer} on one thread and on all cores, over p + q ≥ 1 GiB off-heap: chunking,
 * the thread pool, off-heap result columns and the summary (moments, quantiles, argmax agreement) included, as
 * a user of the library or the CLI gets it. One op is one job.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchBench {
    /** A number, or {@code all} for {@link Runtime#availableProcessors()}. */
    @Param({"1", "all"})
    public String threads;

    @Param({"scalar", "simd"})
    public String impl;

    @Param({"kl"})
    public String measure;

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"prob", "logits"})
    public String form;

    @Param({"4", "4096"})
    public int k;

    Workload workload;
    BatchScorer scorer;
    PairRows in;
    ScoreOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new Workload(WorkingSet.MEMORY, dtype, form, measure, k);
        in = workload.in;
        options = workload.options;
        Kernel kernel = Implementation.byId(impl).kernel();
        scorer = new BatchScorer(kernel, threadCount(threads), 0, ProgressListener.NONE);
        try (BatchResult result = scorer.score(in, options)) {
            AccuracyCheck.verify("BatchBench threads=" + threads + " impl=" + impl + " measure=" + measure + " dtype="
                    + dtype + " form=" + form + " k=" + k, kernel.name(), in, options, result.columns(),
                    workload.sampleStep());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }

    @Benchmark
    public BatchSummary score() {
        try (BatchResult result = scorer.score(in, options)) {
            return result.summary();
        }
    }

    /** The thread count a {@code threads} parameter stands for. */
    public static int threadCount(String threads) {
        return "all".equals(threads.trim()) ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(threads.trim());
    }
}
