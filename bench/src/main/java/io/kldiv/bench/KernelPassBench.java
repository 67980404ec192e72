package io.kldiv.bench;

import io.kldiv.ScoreOptions;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One kernel pass over every row of a working set, one thread: the axes and the accuracy gate that
 * {@link KernelBench} (in cache) and {@link StreamingBench} (out of cache) share. One op is one pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
public abstract class KernelPassBench {
    @Param({"kl", "js", "cross-entropy", "all"})
    public String measure;

    @Param({"float32", "float64", "bfloat16"})
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

    /** Where the rows live. */
    abstract WorkingSet workingSet();

    /** The {@code impl} axis value of this trial. */
    abstract String impl();

    @Setup(Level.Trial)
    public void setUp() {
        workload = new Workload(workingSet(), dtype, form, measure, k);
        in = workload.in;
        options = workload.options;
        out = workload.out();
        Implementation implementation = Implementation.byId(impl());
        kernel = implementation == Implementation.REFERENCE ? new ReferenceKernel(in) : implementation.kernel();
        kernel.score(in, options, 0, in.rows(), out);
        String trial = getClass().getSimpleName() + " impl=" + impl() + " measure=" + measure + " dtype=" + dtype
                + " form=" + form + " k=" + k;
        AccuracyCheck.verify(trial, kernel.name(), in, options, out, workload.sampleStep());
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
