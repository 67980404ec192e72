package io.kldiv.batch;

import io.kldiv.InvalidReason;
import io.kldiv.io.NativeOrderCopy;
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
    private static final int BLOCK_ROWS = 1024;

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

    /**
     * Tallies rows [from, to) of the results; {@code ranks} adds agreement (null to leave it out). The columns are
     * read a block of rows at a time into arrays: a value read per row goes through the memory-access layer, slow
     * until compiled, and compiling it costs a short job's workers a core.
     */
    public void add(ResultColumns out, long from, long to, RankAgreement ranks) {
        int block = (int) Math.min(BLOCK_ROWS, Math.max(0, to - from));
        byte[] status = new byte[block];
        byte[] top1 = new byte[block];
        double[][] values = new double[measures.length][block];
        for (long start = from; start < to; start += block) {
            int n = (int) Math.min(block, to - start);
            NativeOrderCopy.toArray(out.status(), start, status, n);
            if (out.hasTop1()) {
                NativeOrderCopy.toArray(out.top1(), start, top1, n);
            }
            for (int m = 0; m < measures.length; m++) {
                NativeOrderCopy.toArray(out.columns().get(m), start * Double.BYTES, values[m], n);
            }
            for (int i = 0; i < n; i++) {
                add(status[i], values, i, top1[i], start + i, ranks);
            }
        }
    }

    /** One row of {@link #add(ResultColumns, long, long, RankAgreement)}: a method of its own so that it gets compiled. */
    private void add(byte status, double[][] values, int i, byte top1, long row, RankAgreement ranks) {
        if (status != RowStatus.VALID) {
            invalid[RowStatus.reason(status).ordinal()]++;
            return;
        }
        for (int m = 0; m < measures.length; m++) {
            addValue(m, values[m][i]);
        }
        if (ranks == null) {
            return;
        }
        // The kernel's answer where it wrote one, else the scan's.
        if (top1 == 0 ? ranks.argmaxAgrees(row) : top1 == ResultColumns.TOP1_AGREES) {
            argmaxAgreements++;
        }
        if (ranks.wantsTopK()) {
            overlap.add(ranks.topKOverlap(row));
        }
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
            addValue(m, out.get(m, r));
        }
        if (argmaxAgrees) {
            argmaxAgreements++;
        }
        return true;
    }

    private void addValue(int m, double v) {
        min[m] = Math.min(min[m], v);
        max[m] = Math.max(max[m], v);
        if (v == Double.POSITIVE_INFINITY) {
            infCount[m]++;
        } else {
            measures[m].add(v);
        }
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
