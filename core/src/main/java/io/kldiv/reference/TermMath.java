package io.kldiv.reference;

/**
 * The per-category pieces of the measures, in the formulations that keep a tiny result accurate relative to
 * itself (SEMANTICS.md, Accuracy v2): a log ratio near 1 from the difference of the two values rather than from
 * two logs or a rounded quotient, and a Jensen–Shannon term that is a sum of non-negative parts. Shared by the
 * reference and the scalar kernel; the vector kernels compute the same formulas lanewise.
 */
public final class TermMath {
    private static final double LN2 = Math.log(2.0);
    /** Below |d| = 1/16 the series of φ(d) converges to double precision in seven terms. */
    private static final double SERIES_LIMIT = 1.0 / 256.0;

    private TermMath() {
    }

    /**
     * ln(a/b) for a > 0 and b ≥ 0 (+inf at b = 0): the log of the rounded quotient x plus the quotient's own
     * rounding error, (a − x·b)/a, which fma gives exactly. Near 1, where ln(a/b) is small, that keeps it accurate
     * relative to itself, not only to 1; where the quotient would overflow or underflow, the difference of the
     * two logs. {@code Math.log} is the same stub in the interpreter and both compilers: the bits do not depend
     * on the JIT tier.
     */
    public static double logRatio(double a, double b) {
        if (b == 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        double x = a / b;
        if (x >= Double.MIN_NORMAL && x < Double.POSITIVE_INFINITY) {
            return Math.log(x) + Math.fma(-x, b, a) / a;
        }
        return Math.log(a) - Math.log(b);
    }

    /**
     * w·ln(w/v) for w > 0 and v ≥ 0 (+inf at v = 0), with one division: w·ln x + (w − x·v) for the rounded
     * quotient x, since w·(w − x·v)/w is the residual itself. Agrees with w·{@link #logRatio} to a few ulps of
     * the term; for kernels, where the second division of every term costs more than the log.
     */
    public static double weightedLogRatio(double w, double v) {
        if (v == 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        double x = w / v;
        if (x >= Double.MIN_NORMAL && x < Double.POSITIVE_INFINITY) {
            return w * Math.log(x) + Math.fma(-x, v, w);
        }
        return w * (Math.log(w) - Math.log(v));
    }

    /**
     * p·ln(2p/(p+q)) + q·ln(2q/(p+q)), 0 where p = q = 0: twice one category's share of the JS divergence. With
     * m = (p+q)/2 and d = (p−q)/(p+q) it is m·φ(d), φ(d) = (1+d)ln(1+d) + (1−d)ln(1−d) = Σ d^2n/(n(2n−1)) ≥ 0, so
     * the first-order parts that cancel between the two halves never appear and the sum over categories has no
     * cancellation at all.
     */
    public static double jensenShannonTwice(double p, double q) {
        double total = p + q;
        if (total == 0.0) {
            return 0.0;
        }
        return 0.5 * (total * phi((p - q) / total));
    }

    /** φ(d) for |d| ≤ 1: its series near 0, where the log form would lose the result to cancellation. */
    static double phi(double d) {
        double z = d * d;
        if (z <= SERIES_LIMIT) {
            return z * (1.0 + z * (1.0 / 6 + z * (1.0 / 15 + z * (1.0 / 28 + z * (1.0 / 45 + z * (1.0 / 66 + z / 91))))));
        }
        double a = Math.abs(d);
        if (a == 1.0) {
            return 2.0 * LN2;
        }
        // |d| > 1/16: 1 ± a rounds by at most an ulp, small next to |ln(1 ± a)| ≥ 0.06 and to φ ≥ 1/256.
        return (1.0 + a) * Math.log(1.0 + a) + (1.0 - a) * Math.log(1.0 - a);
    }
}
