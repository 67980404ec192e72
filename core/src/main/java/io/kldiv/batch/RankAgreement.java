package io.kldiv.batch;

import io.kldiv.Dtype;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.RowValues;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Top-1 and top-k agreement of a row pair, read from the stored values. Every input form is a monotone map of
 * its values to probabilities (softmax, exp, a positive rescale), so ranking the raw values ranks the
 * probabilities. Ties go to the lower category index. One instance per thread: it keeps scratch arrays.
 */
public final class RankAgreement {
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private final PairRows in;
    private final int topK;
    private final double[] values;
    private final int[] pTop;
    private final int[] qTop;

    /** @param topK the k of top-k overlap, or 0 for none */
    public RankAgreement(PairRows in, int topK) {
        this.in = in;
        this.topK = Math.min(topK, in.k());
        this.values = new double[Math.max(this.topK, 1)];
        this.pTop = new int[this.topK];
        this.qTop = new int[this.topK];
    }

    /** True when p's and q's largest values sit at the same category. */
    public boolean argmaxAgrees(long row) {
        long offset = in.rowOffset(row);
        return switch (in.dtype()) {
            case FLOAT32 -> argmaxFloatsAgree(in.p(), in.q(), offset);
            case FLOAT64 -> argmaxDouble(in.p(), offset) == argmaxDouble(in.q(), offset);
            case BFLOAT16, FLOAT16 -> argmaxWidened(in.p(), offset) == argmaxWidened(in.q(), offset);
        };
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

    // One loop per element type: this runs over every row of every job, so no per-element type switch. float32,
    // the common case, scans both sides in one loop: two independent comparisons per step instead of one.
    private boolean argmaxFloatsAgree(MemorySegment p, MemorySegment q, long offset) {
        int pBest = 0;
        int qBest = 0;
        float pMax = p.get(FLOAT, offset);
        float qMax = q.get(FLOAT, offset);
        for (int i = 1; i < in.k(); i++) {
            long at = offset + (long) i * Float.BYTES;
            float pv = p.get(FLOAT, at);
            float qv = q.get(FLOAT, at);
            if (pv > pMax) {
                pBest = i;
                pMax = pv;
            }
            if (qv > qMax) {
                qBest = i;
                qMax = qv;
            }
        }
        return pBest == qBest;
    }

    private int argmaxDouble(MemorySegment side, long offset) {
        int best = 0;
        double bestValue = side.get(DOUBLE, offset);
        for (int i = 1; i < in.k(); i++) {
            double v = side.get(DOUBLE, offset + (long) i * Double.BYTES);
            if (v > bestValue) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }

    private int argmaxWidened(MemorySegment side, long offset) {
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
    private void top(MemorySegment side, long offset, int[] indices) {
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
