package io.kldiv.batch;

import io.kldiv.InvalidReason;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.kernel.RowStatus;
import java.io.Serializable;

/**
 * The partial statistics of one chunk of rows, taken right after the chunk is scored while its results are in
 * cache. Chunks are merged in chunk order, never in completion order, so every aggregate is the same bit for
 * bit whatever the thread count. Public and serializable so that other engines (Spark) can tally chunks where the
 * rows are and merge them elsewhere in the same order.
 */
public final class ChunkTally implements Serializable {
    private static final long serialVersionUID = 1L;

    final long[] invalid = new long[InvalidReason.values().length];
    final Moments[] measures;
    final long[] infCount;
    final double[] min;
    final double[] max;
    long argmaxAgreements;
    final Moments overlap = new Moments();

    public ChunkTally(int measureCount) {
        measures = new Moments[measureCount];
        for (int m = 0; m < measureCount; m++) {
            measures[m] = new Moments();
        }
        infCount = new long[measureCount];
        min = new double[measureCount];
        max = new double[measureCount];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** Tallies rows [from, to) of the results; {@code ranks} adds agreement (null to leave it out). */
    public void add(ResultColumns out, long from, long to, RankAgreement ranks) {
        for (long r = from; r < to; r++) {
            add(out, r, ranks);
        }
    }

    /** One row of {@link #add(ResultColumns, long, long, RankAgreement)}: a method of its own so that it gets compiled. */
    private void add(ResultColumns out, long r, RankAgreement ranks) {
        if (add(out, r, ranks != null && out.status(r) == RowStatus.VALID && argmaxAgrees(out, r, ranks))
                && ranks != null && ranks.wantsTopK()) {
            overlap.add(ranks.topKOverlap(r));
        }
    }

    /** The kernel's answer where it wrote one, else the scan's. */
    private static boolean argmaxAgrees(ResultColumns out, long r, RankAgreement ranks) {
        byte found = out.top1(r);
        return found == 0 ? ranks.argmaxAgrees(r) : found == ResultColumns.TOP1_AGREES;
    }

    /**
     * Tallies one row of the results, with its argmax agreement decided by the caller; returns whether the row was
     * valid (counted in the moments) rather than invalid (counted by reason).
     */
    public boolean add(ResultColumns out, long r, boolean argmaxAgrees) {
        byte status = out.status(r);
        if (status != RowStatus.VALID) {
            invalid[RowStatus.reason(status).ordinal()]++;
            return false;
        }
        for (int m = 0; m < measures.length; m++) {
            double v = out.get(m, r);
            min[m] = Math.min(min[m], v);
            max[m] = Math.max(max[m], v);
            if (v == Double.POSITIVE_INFINITY) {
                infCount[m]++;
            } else {
                measures[m].add(v);
            }
        }
        if (argmaxAgrees) {
            argmaxAgreements++;
        }
        return true;
    }

    /** Folds {@code next} (the following chunk) into this one. */
    public void merge(ChunkTally next) {
        for (int i = 0; i < invalid.length; i++) {
            invalid[i] += next.invalid[i];
        }
        for (int m = 0; m < measures.length; m++) {
            measures[m].merge(next.measures[m]);
            infCount[m] += next.infCount[m];
            min[m] = Math.min(min[m], next.min[m]);
            max[m] = Math.max(max[m], next.max[m]);
        }
        argmaxAgreements += next.argmaxAgreements;
        overlap.merge(next.overlap);
    }
}
