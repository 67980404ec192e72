package io.kldiv.reference;

import io.kldiv.LogBase;
import io.kldiv.Measure;

/**
 * SEMANTICS.md's accuracy bound (v2): a kernel's result r for a row must satisfy |r − t| ≤ 1e-9·|t| + 1e-13·S,
 * where t is the exact value and S sums w·(|ln a| + |ln b|) over the terms w·ln(a/b) the measure adds, and must
 * be +inf or NaN exactly where t is. The relative part is what near-identical rows need (a KL of 1e-9 next to an S
 * of 20); the S part covers rows whose terms cancel.
 */
public final class AccuracyBound {
    /** The relative part's factor. */
    public static final double RELATIVE = 1e-9;
    /** The S part's factor. */
    public static final double SCALED = 1e-13;

    private AccuracyBound() {
    }

    /**
     * The largest allowed |r − t| for this row and measure, whose true value is {@code truth}, in the given unit.
     * Below the normal range no relative bound can hold: a term that underflows is rounded to the subnormal grid,
     * so each category may add up to the smallest subnormal (4.9e-324) to what the bound allows.
     */
    public static double allowedError(Measure measure, Distribution p, Distribution q, LogBase base, double truth) {
        return allowedError(truth, base.fromNats(scale(measure, p, q))) + p.size() * Double.MIN_VALUE;
    }

    /** 1e-9·|t| + 1e-13·S, with S already in the unit of t. */
    public static double allowedError(double truth, double scale) {
        return RELATIVE * Math.abs(truth) + SCALED * scale;
    }

    /** True when {@code actual} is within {@code allowed} of {@code expected}, with inf and NaN matched exactly. */
    public static boolean accepts(double expected, double actual, double allowed) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            return Double.compare(expected, actual) == 0;
        }
        return Double.isFinite(actual) && Math.abs(actual - expected) <= allowed;
    }

    /** S in nats: the sum of the magnitudes the measure's terms are built from. */
    public static double scale(Measure measure, Distribution p, Distribution q) {
        return switch (measure) {
            case KL, CROSS_ENTROPY -> weightedLogMagnitudes(p, q);
            case REVERSE_KL -> weightedLogMagnitudes(q, p);
            case JEFFREYS -> weightedLogMagnitudes(p, q) + weightedLogMagnitudes(q, p);
            case JS, JS_DISTANCE -> jensenShannonScale(p, q);
            case ENTROPY_P -> weightedLogMagnitudes(p, p);
            case ENTROPY_Q -> weightedLogMagnitudes(q, q);
        };
    }

    /** Σ over a > 0 of a·(|ln a| + |ln b|). */
    private static double weightedLogMagnitudes(Distribution a, Distribution b) {
        double s = 0.0;
        for (int i = 0; i < a.size(); i++) {
            double ai = a.prob()[i];
            if (ai > 0.0) {
                s += ai * (Math.abs(a.logProb()[i]) + Math.abs(b.logProb()[i]));
            }
        }
        return s;
    }

    /** ½Σ p·(|ln p| + |ln m|) + ½Σ q·(|ln q| + |ln m|), m = (p+q)/2. */
    private static double jensenShannonScale(Distribution p, Distribution q) {
        double s = 0.0;
        for (int i = 0; i < p.size(); i++) {
            double pi = p.prob()[i];
            double qi = q.prob()[i];
            double lnM = Math.log(pi + qi) - Math.log(2.0);
            if (pi > 0.0) {
                s += pi * (Math.abs(p.logProb()[i]) + Math.abs(lnM));
            }
            if (qi > 0.0) {
                s += qi * (Math.abs(q.logProb()[i]) + Math.abs(lnM));
            }
        }
        return 0.5 * s;
    }
}
