package io.kldiv.bench.report;

import io.kldiv.Dtype;
import io.kldiv.bench.WorkingSet;

/**
 * One measured row, from JMH or from a peer: what ran on which shape, and the time of one pass over the
 * working set with its error (JMH: the 99.9% confidence half-width).
 *
 * @param suite      {@code KernelBench}, {@code StreamingBench}, {@code BatchBench}, {@code BaselineBench} or {@code peers}
 * @param impl       reference, scalar, simd, baseline, numpy, scipy
 * @param measure    kl, js, cross-entropy, all; empty for the baseline
 * @param form       prob, logprob, logits; empty for the baseline
 * @param threads    worker threads
 * @param nsPerOp    nanoseconds per pass
 * @param errorNs    error of {@code nsPerOp}, NaN when unknown
 */
record Result(String suite, String impl, String measure, Dtype dtype, String form, int k, WorkingSet workingSet,
        int threads, double nsPerOp, double errorNs) {

    long rows() {
        return workingSet.rows(dtype, k);
    }

    double nsPerPair() {
        return nsPerOp / ((double) rows() * k);
    }

    /** p and q bytes read per second, in GB/s (10⁹ bytes). */
    double gbPerSecond() {
        return 2.0 * rows() * k * dtype.bytes() / nsPerOp;
    }

    /** True when two rows are the same shape: dtype, K and working set. */
    boolean sameShape(Result o) {
        return dtype == o.dtype && k == o.k && workingSet == o.workingSet;
    }
}
