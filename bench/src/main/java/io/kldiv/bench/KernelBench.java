package io.kldiv.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In cache, one thread: reference vs scalar vs SIMD for every measure set, dtype, input form and K, on a
 * working set of p + q ≈ 256 KiB ({@link WorkingSet#CACHE}).
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBench extends KernelPassBench {
    @Param({"reference", "scalar", "simd"})
    public String impl;

    @Override
    WorkingSet workingSet() {
        return WorkingSet.CACHE;
    }

    @Override
    String impl() {
        return impl;
    }
}
