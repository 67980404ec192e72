package io.kldiv.kernel;

import io.kldiv.Measure;
import java.util.EnumSet;
import java.util.List;

/**
 * The per-row sums every measure is finished from. A kernel accumulates only the sums the requested measures
 * need, each in its own accumulators with a fixed formula, so that asking for several measures at once gives
 * bit for bit what asking for each alone gives.
 */
public enum Term {
    /** Σ over p > 0 of p·(ln p − ln q). */
    P_LOG_P_OVER_Q,
    /** Σ over q > 0 of q·(ln q − ln p). */
    Q_LOG_Q_OVER_P,
    /** Σ over p > 0 of p·ln q. */
    P_LOG_Q,
    /** Σ over p > 0 of p·ln p. */
    P_LOG_P,
    /** Σ over q > 0 of q·ln q. */
    Q_LOG_Q,
    /** Σ over p > 0 of p·ln(2p/(p+q)) plus Σ over q > 0 of q·ln(2q/(p+q)): twice the JS divergence. */
    JS_TWICE;

    /** The sums a list of measures needs. */
    public static EnumSet<Term> neededBy(List<Measure> measures) {
        EnumSet<Term> terms = EnumSet.noneOf(Term.class);
        for (Measure m : measures) {
            switch (m) {
                case KL -> terms.add(P_LOG_P_OVER_Q);
                case REVERSE_KL -> terms.add(Q_LOG_Q_OVER_P);
                case JEFFREYS -> {
                    terms.add(P_LOG_P_OVER_Q);
                    terms.add(Q_LOG_Q_OVER_P);
                }
                case JS, JS_DISTANCE -> terms.add(JS_TWICE);
                case CROSS_ENTROPY -> terms.add(P_LOG_Q);
                case ENTROPY_P -> terms.add(P_LOG_P);
                case ENTROPY_Q -> terms.add(Q_LOG_Q);
            }
        }
        return terms;
    }
}
