package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.LANES;

import io.kldiv.kernel.MeasurePlan;
import io.kldiv.kernel.Term;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.DoubleVector;

/**
 * The per-measure "combine": one {@link Term}'s sum over decoded blocks, in its own per-lane accumulators, so that
 * a term's value never depends on which other terms ran beside it.
 */
abstract class TermSum {
    final Term term;
    /** Lane partial sums of the current row, or of each lane's row in a narrow tile. */
    final double[] lanes = new double[LANES];

    TermSum(Term term) {
        this.term = term;
    }

    /**
     * The sums a plan needs, each reading the block's buffers its formula names. KL between two probability sides
     * reads the values, any other pair the logs (which the log forms know better than any probability).
     */
    static TermSum[] forPlan(MeasurePlan plan, DecodedBlock b, boolean ratioOfProbabilities, boolean float32) {
        List<TermSum> sums = new ArrayList<>();
        for (Term t : Term.values()) {
            if (plan.needs(t)) {
                sums.add(switch (t) {
                    case P_LOG_P_OVER_Q -> ratioOfProbabilities ? new RatioLogSum(t, b.p, b.q, float32) : new WeightedDifferenceSum(t, b.p, b.lnP, b.lnQ);
                    case Q_LOG_Q_OVER_P -> ratioOfProbabilities ? new RatioLogSum(t, b.q, b.p, float32) : new WeightedDifferenceSum(t, b.q, b.lnQ, b.lnP);
                    case P_LOG_Q -> new WeightedLogSum(t, b.p, b.lnQ);
                    case P_LOG_P -> new WeightedLogSum(t, b.p, b.lnP);
                    case Q_LOG_Q -> new WeightedLogSum(t, b.q, b.lnQ);
                    case JS_TWICE -> new JensenShannonSum(t, b.p, b.q);
                });
            }
        }
        return sums.toArray(TermSum[]::new);
    }

    void reset() {
        Arrays.fill(lanes, 0.0);
    }

    /**
     * Adds the block's first {@code count} values (a whole number of vectors, padding has p = q = 0). Each block is
     * summed from zero and then added to the row's lane sums: that keeps the rounding error of a long row near
     * (block + blocks per row) additions per lane rather than K / lanes. The addition is written out in each
     * loop's method rather than called: a vector passed to a call that C2 leaves out of line is boxed.
     */
    abstract void add(int count);


    /** The sum of one row spread over the lanes. */
    double rowTotal() {
        return Lanes.total(lanes);
    }
}
