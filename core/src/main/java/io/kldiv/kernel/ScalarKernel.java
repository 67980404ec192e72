package io.kldiv.kernel;

import io.kldiv.ScoreOptions;
import io.kldiv.io.NativeOrderCopy;
import io.kldiv.reference.TermMath;
import java.util.Arrays;

/**
 * The fallback kernel: plain Java, one row at a time. Each side is decoded (and validated) into p and ln p
 * buffers, then the needed {@link Term} sums are taken over the buffers.
 */
public final class ScalarKernel implements Kernel {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void score(PairRows in, ScoreOptions options, long fromRow, long toRow, ResultColumns out) {
        RowScorer scorer = new RowScorer(in, options, out, fromRow);
        for (long row = fromRow; row < toRow; row++) {
            scorer.score(row);
        }
        scorer.flush();
    }

    /**
     * One call's state and its per-row step. The step is a method of its own so that the JIT compiles it after a
     * few hundred rows: a loop that runs a few hundred rows per call, as a chunk's does, is never compiled itself,
     * and a short job would run its row loop in the interpreter to the end. Results are kept in arrays and copied to
     * the result columns a block of rows at a time: a value written per row goes through the memory-access layer,
     * whose many small methods C1 compiles while a short job's workers wait for its cores.
     */
    private static final class RowScorer {
        private static final int BLOCK_ROWS = 256;
        private final PairRows in;
        private final ScoreOptions options;
        private final ResultColumns out;
        private final MeasurePlan plan;
        private final boolean ratioOfProbabilities;
        private final SideDecoder pSide;
        private final SideDecoder qSide;
        private final double[] p;
        private final double[] lnP;
        private final double[] q;
        private final double[] lnQ;
        private final double[] sums = new double[Term.values().length];
        private final RowValues reader;
        private final double[][] results;
        private final byte[] top1 = new byte[BLOCK_ROWS];
        /** The block: rows [blockStart, blockStart + filled) are scored into the arrays, not yet copied out. */
        private long blockStart;
        private int filled;

        RowScorer(PairRows in, ScoreOptions options, ResultColumns out, long fromRow) {
            this.in = in;
            this.options = options;
            this.out = out;
            this.blockStart = fromRow;
            this.results = new double[options.measures().size()][BLOCK_ROWS];
            this.plan = new MeasurePlan(options);
            double tolerance = options.sumTolerance(in.dtype());
            this.ratioOfProbabilities = options.ratioOfProbabilities();
            boolean logs = needsLogs(plan, ratioOfProbabilities);
            this.pSide = SideDecoder.of(options.pForm(), tolerance, logs);
            this.qSide = SideDecoder.of(options.qForm(), tolerance, logs);
            int k = in.k();
            this.p = new double[k];
            this.lnP = new double[k];
            this.q = new double[k];
            this.lnQ = new double[k];
            this.reader = new RowValues(in.dtype(), k);
        }

        void score(long row) {
            long offset = in.rowOffset(row);
            boolean valid = pSide.decode(in.p(), reader, offset, p, lnP);
            int pTop1 = reader.top1OfLastRow();
            valid &= qSide.decode(in.q(), reader, offset, q, lnQ);
            if (!valid) {
                // Rare: the rows before it go out first, the reference writes this one itself.
                flush();
                FlaggedRows.settle(in, options, row, out);
                blockStart = row + 1;
                return;
            }
            int qTop1 = reader.top1OfLastRow();
            // Found on the way, it saves the batch scorer a second read of the row; 0 leaves the row to it.
            top1[filled] = pTop1 < 0 || qTop1 < 0 ? 0
                    : pTop1 == qTop1 ? ResultColumns.TOP1_AGREES : ResultColumns.TOP1_DIFFERS;
            Arrays.fill(sums, 0.0);
            if (plan.needs(Term.P_LOG_P_OVER_Q)) {
                sums[Term.P_LOG_P_OVER_Q.ordinal()] = ratioOfProbabilities ? weightedLogRatio(p, q) : weightedDifference(p, lnP, lnQ);
            }
            if (plan.needs(Term.Q_LOG_Q_OVER_P)) {
                sums[Term.Q_LOG_Q_OVER_P.ordinal()] = ratioOfProbabilities ? weightedLogRatio(q, p) : weightedDifference(q, lnQ, lnP);
            }
            if (plan.needs(Term.P_LOG_Q)) {
                sums[Term.P_LOG_Q.ordinal()] = weighted(p, lnQ);
            }
            if (plan.needs(Term.P_LOG_P)) {
                sums[Term.P_LOG_P.ordinal()] = weighted(p, lnP);
            }
            if (plan.needs(Term.Q_LOG_Q)) {
                sums[Term.Q_LOG_Q.ordinal()] = weighted(q, lnQ);
            }
            if (plan.needs(Term.JS_TWICE)) {
                sums[Term.JS_TWICE.ordinal()] = jensenShannonTwice(p, q);
            }
            for (int m = 0; m < results.length; m++) {
                results[m][filled] = plan.value(m, sums);
            }
            if (++filled == BLOCK_ROWS) {
                flush();
            }
        }

        /** Copies the block's rows to the result columns (all valid: a flagged row ends a block). */
        void flush() {
            for (int m = 0; m < results.length; m++) {
                NativeOrderCopy.fromArray(results[m], filled, out.columns().get(m), blockStart * Double.BYTES);
            }
            out.status().asSlice(blockStart, filled).fill(RowStatus.VALID);
            if (out.hasTop1()) {
                NativeOrderCopy.fromArray(top1, filled, out.top1(), blockStart);
            }
            blockStart += filled;
            filled = 0;
        }
    }

    /** Whether any needed sum takes ln p or ln q of a side by itself (KL and JS between probabilities do not). */
    private static boolean needsLogs(MeasurePlan plan, boolean ratioOfProbabilities) {
        boolean divergences = plan.needs(Term.P_LOG_P_OVER_Q) || plan.needs(Term.Q_LOG_Q_OVER_P);
        return divergences && !ratioOfProbabilities
                || plan.needs(Term.P_LOG_Q) || plan.needs(Term.P_LOG_P) || plan.needs(Term.Q_LOG_Q);
    }

    /** Σ over w > 0 of w·ln(w/v), the log ratio taken from the two probabilities. */
    private static double weightedLogRatio(double[] w, double[] v) {
        double sum = 0.0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0.0) {
                sum += TermMath.weightedLogRatio(w[i], v[i]);
            }
        }
        return sum;
    }

    /** Σ over w > 0 of w·(a − b). */
    private static double weightedDifference(double[] w, double[] a, double[] b) {
        double sum = 0.0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0.0) {
                sum += w[i] * (a[i] - b[i]);
            }
        }
        return sum;
    }

    /** Σ over w > 0 of w·a. */
    private static double weighted(double[] w, double[] a) {
        double sum = 0.0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0.0) {
                sum += w[i] * a[i];
            }
        }
        return sum;
    }

    private static double jensenShannonTwice(double[] p, double[] q) {
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            sum += TermMath.jensenShannonTwice(p[i], q[i]);
        }
        return sum;
    }
}
