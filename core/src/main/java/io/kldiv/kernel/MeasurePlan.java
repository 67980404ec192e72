package io.kldiv.kernel;

import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import java.util.List;

/**
 * The "combine" step shared by every kernel: which {@link Term} sums a request needs, and how each measure is
 * finished from them in the requested unit. Built once per job.
 */
public final class MeasurePlan {
    private final Measure[] measures;
    private final boolean[] needed = new boolean[Term.values().length];
    private final LogBase base;

    public MeasurePlan(ScoreOptions options) {
        this.measures = options.measures().toArray(Measure[]::new);
        this.base = options.base();
        for (Term t : Term.neededBy(List.of(measures))) {
            needed[t.ordinal()] = true;
        }
    }

    public boolean needs(Term term) {
        return needed[term.ordinal()];
    }

    public int measureCount() {
        return measures.length;
    }

    /**
     * Finishes every measure of a row from its sums (indexed by {@link Term#ordinal()}, in nats) and writes them
     * to {@code out} at {@code row}.
     */
    public void finish(double[] sums, ResultColumns out, long row) {
        for (int m = 0; m < measures.length; m++) {
            out.set(m, row, value(measures[m], sums));
        }
    }

    /** The {@code m}-th requested measure of a row from its sums, in the requested unit. */
    public double value(int m, double[] sums) {
        return value(measures[m], sums);
    }

    /** One measure of a row from its sums, in the requested unit. */
    public double value(Measure measure, double[] sums) {
        return switch (measure) {
            case KL -> base.fromNats(sums[Term.P_LOG_P_OVER_Q.ordinal()]);
            case REVERSE_KL -> base.fromNats(sums[Term.Q_LOG_Q_OVER_P.ordinal()]);
            case JEFFREYS -> base.fromNats(sums[Term.P_LOG_P_OVER_Q.ordinal()] + sums[Term.Q_LOG_Q_OVER_P.ordinal()]);
            case JS -> base.fromNats(0.5 * sums[Term.JS_TWICE.ordinal()]);
            case JS_DISTANCE -> Math.sqrt(Math.max(base.fromNats(0.5 * sums[Term.JS_TWICE.ordinal()]), 0.0));
            case CROSS_ENTROPY -> base.fromNats(-sums[Term.P_LOG_Q.ordinal()]);
            case ENTROPY_P -> base.fromNats(-sums[Term.P_LOG_P.ordinal()]);
            case ENTROPY_Q -> base.fromNats(-sums[Term.Q_LOG_Q.ordinal()]);
        };
    }
}
