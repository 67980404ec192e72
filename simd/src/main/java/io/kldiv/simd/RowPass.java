package io.kldiv.simd;

import io.kldiv.Dtype;
import io.kldiv.ScoreOptions;
import io.kldiv.kernel.FlaggedRows;
import io.kldiv.kernel.MeasurePlan;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.kernel.RowStatus;
import io.kldiv.kernel.Term;

/**
 * One kernel call's worth of pieces: a side decoder for p and one for q, the term sums the measures need, the
 * block they share, and the finishing of a row. Subclasses decide how rows map onto lanes.
 */
abstract class RowPass {
    final PairRows in;
    final ScoreOptions options;
    final VectorSide p;
    final VectorSide q;
    final DecodedBlock block = new DecodedBlock();
    final TermSum[] terms;
    private final MeasurePlan plan;
    private final double[] sums = new double[Term.values().length];

    /**
     * @param valueType how the sides see the values: the columns' dtype, or float64 where the pass widens them
     *                  first (narrow tiles)
     */
    RowPass(PairRows in, ScoreOptions options, boolean lanesAreRows, Dtype valueType) {
        this.in = in;
        this.options = options;
        this.plan = new MeasurePlan(options);
        double tolerance = options.sumTolerance(in.dtype());
        boolean ratioOfProbabilities = options.ratioOfProbabilities();
        boolean klFromLogs = !ratioOfProbabilities && (plan.needs(Term.P_LOG_P_OVER_Q) || plan.needs(Term.Q_LOG_Q_OVER_P));
        this.p = VectorSide.of(options.pForm(), valueType, tolerance, in.k(), lanesAreRows, klFromLogs || plan.needs(Term.P_LOG_P));
        this.q = VectorSide.of(options.qForm(), valueType, tolerance, in.k(), lanesAreRows,
                klFromLogs || plan.needs(Term.P_LOG_Q) || plan.needs(Term.Q_LOG_Q));
        this.terms = TermSum.forPlan(plan, block, ratioOfProbabilities, in.dtype() == Dtype.FLOAT32);
    }

    abstract void score(long fromRow, long toRow, ResultColumns out);

    void startTerms() {
        for (TermSum t : terms) {
            t.reset();
        }
    }

    void addTerms(int count) {
        int padded = DecodedBlock.padded(count);
        for (TermSum t : terms) {
            t.add(padded);
        }
    }

    /**
     * Writes a row's results from its term sums, taken from lane {@code lane} of each term (a narrow tile) or
     * from all lanes ({@code lane} < 0, one wide row); a row the fast checks flagged goes to the reference.
     */
    void finish(long row, boolean valid, int lane, ResultColumns out) {
        if (!valid) {
            FlaggedRows.settle(in, options, row, out);
            return;
        }
        for (TermSum t : terms) {
            sums[t.term.ordinal()] = lane < 0 ? t.rowTotal() : t.lanes[lane];
        }
        plan.finish(sums, out, row);
        out.setStatus(row, RowStatus.VALID);
    }
}
