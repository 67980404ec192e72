package io.kldiv.batch;

import io.kldiv.kernel.Kernel;

/** For tests in other packages: a scorer with small chunks (many per job) and no warm-up. */
public final class BatchScorerAccess {
    private BatchScorerAccess() {
    }

    public static BatchScorer scorer(Kernel kernel, int threads, long chunkBytes) {
        return new BatchScorer(kernel, threads, 0, ProgressListener.NONE, chunkBytes, Long.MAX_VALUE);
    }
}
