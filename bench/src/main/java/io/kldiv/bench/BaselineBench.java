package io.kldiv.bench;

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
 * The {@code baseline} implementation: a Vector API streaming sum of the same p and q bytes the kernels read,
 * for each dtype, K and working set. Its time is the roof the report divides kernel times by. Input form and
 * measure do not change the bytes, so they are not axes here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BaselineBench {
    @Param({"cache", "memory"})
    public String workingSet;

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"4", "32", "256", "4096", "131072"})
    public int k;

    Workload workload;
    PairRows in;
    long count;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new Workload(WorkingSet.byId(workingSet), dtype, "prob", "kl", k);
        in = workload.in;
        count = in.rows() * in.k();
        // Every row sums to 1 on each side: a roof that reads the wrong bytes must not produce a number either.
        // The float32 sum of up to 2^28 values in 64 lanes is rough, hence the loose 2%.
        double sum = StreamingSum.sum(in.p(), in.q(), in.dtype(), count);
        double expected = 2.0 * in.rows();
        if (!(Math.abs(sum - expected) <= 0.02 * expected)) {
            throw new IllegalStateException("BaselineBench workingSet=" + workingSet + " dtype=" + dtype + " k=" + k
                    + ": streaming sum " + sum + ", expected " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }

    @Benchmark
    public double stream() {
        return StreamingSum.sum(in.p(), in.q(), in.dtype(), count);
    }
}
