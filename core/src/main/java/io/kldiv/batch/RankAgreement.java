package io.kldiv.batch;

import io.kldiv.Dtype;
import io.kldiv.kernel.FloatArgmax;
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

    private final PairRows in;
    private final FloatArgmax floatArgmax;
    private final int topK;
    private final double[] values;
    private final int[] pTop;
    private final int[] qTop;
    private final RowValues reader;
    private final double[] pValues;
    private final double[] qValues;
    private final float[] pFloats;
    private final float[] qFloats;

    /** @param topK the k of top-k overlap, or 0 for none */
    public RankAgreement(PairRows in, int topK) {
        this(in, topK, null);
    }

    /**
     * @param topK        the k of top-k overlap, or 0 for none
     * @param floatArgmax a kernel's top-1 scan of float32 rows ({@link io.kldiv.kernel.Kernel#floatArgmax()}), or
     *                    null for the scalar one
     */
    public RankAgreement(PairRows in, int topK, FloatArgmax floatArgmax) {
        this.in = in;
        this.floatArgmax = floatArgmax;
        this.topK = Math.min(topK, in.k());
        this.values = new double[Math.max(this.topK, 1)];
        this.pTop = new int[this.topK];
        this.qTop = new int[this.topK];
        this.reader = new RowValues(in.dtype(), in.k());
        this.pValues = new double[in.k()];
        this.qValues = new double[in.k()];
        boolean floats = in.dtype() == Dtype.FLOAT32;
        this.pFloats = new float[floats ? in.k() : 0];
        this.qFloats = new float[floats ? in.k() : 0];
    }

    /** True when p's and q's largest values sit at the same category. */
    public boolean argmaxAgrees(long row) {
        long offset = in.rowOffset(row);
        if (in.dtype() == Dtype.FLOAT32 && floatArgmax != null) {
            return floatArgmax.of(in.p(), offset, in.k()) == floatArgmax.of(in.q(), offset, in.k());
        }
        if (in.dtype() == Dtype.FLOAT32) {
            MemorySegment.copy(in.p(), FLOAT, offset, pFloats, 0, pFloats.length);
            MemorySegment.copy(in.q(), FLOAT, offset, qFloats, 0, qFloats.length);
            return argmaxFloatsAgree();
        }
        reader.read(in.p(), offset, pValues);
        reader.read(in.q(), offset, qValues);
        return argmax(pValues) == argmax(qValues);
    }

    /** |top-k(p) ∩ top-k(q)| / k for the row. */
    double topKOverlap(long row) {
        long offset = in.rowOffset(row);
        reader.read(in.p(), offset, pValues);
        reader.read(in.q(), offset, qValues);
        top(pValues, pTop);
        top(qValues, qTop);
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

    // Rows are copied into arrays first (see RowValues: fast before C2 has compiled anything). float32, the common
    // case, keeps its own loop without widening, and scans both sides in one loop: two independent comparisons per
    // step instead of one.
    private boolean argmaxFloatsAgree() {
        int pBest = 0;
        int qBest = 0;
        float pMax = pFloats[0];
        float qMax = qFloats[0];
        for (int i = 1; i < pFloats.length; i++) {
            float pv = pFloats[i];
            float qv = qFloats[i];
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

    private static int argmax(double[] row) {
        int best = 0;
        double bestValue = row[0];
        for (int i = 1; i < row.length; i++) {
            if (row[i] > bestValue) {
                best = i;
                bestValue = row[i];
            }
        }
        return best;
    }

    /** The indices of the k largest values, by insertion into a short descending list. */
    private void top(double[] row, int[] indices) {
        int filled = 0;
        for (int i = 0; i < row.length; i++) {
            double v = row[i];
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
