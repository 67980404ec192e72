package io.kldiv.bench;

import io.kldiv.ScoreOptions;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
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
 * Far out of cache, one thread: scalar vs SIMD streaming p + q ≥ 1 GiB off-heap from a store table
 * ({@link WorkingSet#MEMORY}), the case the memory-system roof ({@link BaselineBench}) speaks to. One op is one
 * pass over all rows. The reference is not run here (minutes per pass); it checks a sample of rows in setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamingBench {
    @Param({"scalar", "simd"})
    public String impl;

    @Param({"kl", "js", "cross-entropy", "all"})
    public String measure;

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"prob", "logprob", "logits"})
    public String form;

    @Param({"4", "32", "256", "4096", "131072"})
    public int k;

    Workload workload;
    Kernel kernel;
    PairRows in;
    ScoreOptions options;
    ResultColumns out;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new Workload(WorkingSet.MEMORY, dtype, form, measure, k);
        in = workload.in;
        options = workload.options;
        out = workload.out();
        kernel = Implementation.byId(impl).kernel();
        kernel.score(in, options, 0, in.rows(), out);
        AccuracyCheck.verify("StreamingBench impl=" + impl + " measure=" + measure + " dtype=" + dtype + " form=" + form
                + " k=" + k, kernel.name(), in, options, out, workload.sampleStep());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }

    @Benchmark
    public ResultColumns score() {
        kernel.score(in, options, 0, in.rows(), out);
        return out;
    }
}
