package io.kldiv.batch;

import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.RowValues;
import java.util.Arrays;

/**
 * Top-1 and top-k agreement of a row pair, read from the stored values. Every input form is a monotone map of
 * its values to probabilities (softmax, exp, a positive rescale), so ranking the raw values ranks the
 * probabilities. Ties go to the lower category index. One instance per thread: it keeps scratch arrays.
 */
final class RankAgreement {
    private final PairRows in;
    private final int topK;
    private final double[] values;
    private final int[] pTop;
    private final int[] qTop;

    /** @param topK the k of top-k overlap, or 0 for none */
    RankAgreement(PairRows in, int topK) {
        this.in = in;
        this.topK = Math.min(topK, in.k());
        this.values = new double[Math.max(this.topK, 1)];
        this.pTop = new int[this.topK];
        this.qTop = new int[this.topK];
    }

    /** True when p's and q's largest values sit at the same category. */
    boolean argmaxAgrees(long row) {
        long offset = in.rowOffset(row);
        return argmax(in.p(), offset) == argmax(in.q(), offset);
    }

    /** |top-k(p) ∩ top-k(q)| / k for the row. */
    double topKOverlap(long row) {
        long offset = in.rowOffset(row);
        top(in.p(), offset, pTop);
        top(in.q(), offset, qTop);
        Arrays.sort(pTop);
        Arrays.sort(qTop);
        int common = 0;
        for (int i = 0, j = 0; i < topK && j < topK; ) {
            if (pTop[i] == qTop[j]) {
                common++;
                i++;
                j++;
            } else if (pTop[i] < qTop[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / topK;
    }

    boolean wantsTopK() {
        return topK > 0;
    }

    int topK() {
        return topK;
    }

    private int argmax(java.lang.foreign.MemorySegment side, long offset) {
        int best = 0;
        double bestValue = RowValues.get(side, in.dtype(), offset, 0);
        for (int i = 1; i < in.k(); i++) {
            double v = RowValues.get(side, in.dtype(), offset, i);
            if (v > bestValue) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }

    /** The indices of the k largest values, by insertion into a short descending list. */
    private void top(java.lang.foreign.MemorySegment side, long offset, int[] indices) {
        int filled = 0;
        for (int i = 0; i < in.k(); i++) {
            double v = RowValues.get(side, in.dtype(), offset, i);
            if (filled == topK && !(v > values[topK - 1])) {
                continue;
            }
            int at = filled == topK ? topK - 1 : filled++;
            while (at > 0 && v > values[at - 1]) {
                values[at] = values[at - 1];
                indices[at] = indices[at - 1];
                at--;
            }
            values[at] = v;
            indices[at] = i;
        }
    }
}
