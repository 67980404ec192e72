package io.kldiv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One real benchmark, end to end, in a short mode: the generated JMH code, a forked JVM that gets the pom's
 * flags the way bench/run passes them, the data, the accuracy gate in setup and a score. A broken benchmark
 * build fails {@code ./mvnw verify} here.
 */
class BenchmarkSmokeTest {

    @Test
    void kernelBenchRunsInAForkWithTheFlagsAndReportsAScore() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(KernelBench.class.getName() + ".score")
                .param("impl", "simd")
                .param("measure", "all")
                .param("dtype", "float32")
                .param("form", "logits")
                .param("k", "32")
                .forks(1)
                // jvmArgs, not Prepend: the fork must not inherit Surefire's argLine, only the flags resource
                .jvmArgs(JvmFlags.list().toArray(String[]::new))
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertEquals(1, results.size(), "one parameter combination, one result");
        double score = results.iterator().next().getPrimaryResult().getScore();
        assertTrue(score > 0 && Double.isFinite(score), "a positive time per pass, got " + score);
    }
}
