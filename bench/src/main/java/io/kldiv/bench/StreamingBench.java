package io.kldiv.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Far out of cache, one thread: scalar vs SIMD streaming p + q ≥ 1 GiB off-heap from a store table
 * ({@link WorkingSet#MEMORY}), the case the memory-system roof ({@link BaselineBench}) speaks to. The reference
 * is not run here (minutes per pass); the accuracy gate checks a sample of rows against it.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamingBench extends KernelPassBench {
    @Param({"scalar", "simd"})
    public String impl;

    @Override
    WorkingSet workingSet() {
        return WorkingSet.MEMORY;
    }

    @Override
    String impl() {
        return impl;
    }
}
