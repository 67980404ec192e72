package io.kldiv.reference;

import io.kldiv.Dtype;
import io.kldiv.LogBase;
import io.kldiv.Measure;

/**
 * SEMANTICS.md's accuracy bound: a kernel's result r for a row must satisfy |r − ref| ≤ c·S, with c = 1e-6 for
 * float32 columns and 1e-12 for float64, where S sums w·(|ln a| + |ln b|) over the terms w·ln(a/b) the measure
 * adds. It must be +inf or NaN exactly where the reference is.
 */
public final class AccuracyBound {
    private AccuracyBound() {
    }

    /** The relative factor c of the bound for columns of this type. */
    public static double factor(Dtype dtype) {
        return dtype == Dtype.FLOAT32 ? 1e-6 : 1e-12;
    }

    /** The largest allowed |r − ref| for this row and measure, in the given unit. */
    public static double allowedError(Measure measure, Distribution p, Distribution q, LogBase base, Dtype dtype) {
        double c = factor(dtype);
        if (measure == Measure.JS_DISTANCE) {
            // |√a − √b| ≤ √|a − b|: the divergence's bound carries over through the square root.
            return Math.sqrt(c * base.fromNats(scale(Measure.JS, p, q)));
        }
        return c * base.fromNats(scale(measure, p, q));
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
