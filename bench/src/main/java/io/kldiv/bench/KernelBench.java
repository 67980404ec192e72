package io.kldiv.bench;

import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.ScoreOptions;
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
 * In cache, one thread: reference vs scalar vs SIMD for every measure set, dtype, input form and K, on a
 * working set of p + q ≈ 256 KiB ({@link WorkingSet#CACHE}). One op is one pass over all rows of the set.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBench {
    @Param({"reference", "scalar", "simd"})
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
        workload = new Workload(WorkingSet.CACHE, dtype, form, measure, k);
        in = workload.in;
        options = workload.options;
        out = workload.out();
        Implementation implementation = Implementation.byId(impl);
        kernel = implementation == Implementation.REFERENCE ? new ReferenceKernel(in) : implementation.kernel();
        kernel.score(in, options, 0, in.rows(), out);
        AccuracyCheck.verify(describe(), kernel.name(), in, options, out, workload.sampleStep());
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

    private String describe() {
        return "KernelBench impl=" + impl + " measure=" + measure + " dtype=" + dtype + " form=" + form + " k=" + k;
    }
}
