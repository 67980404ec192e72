package io.kldiv.reference;

import io.kldiv.Dtype;
import io.kldiv.InputForm;
import io.kldiv.InvalidReason;
import io.kldiv.InvalidRowException;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import java.util.List;

/**
 * SEMANTICS.md as plain double-precision code: the oracle every kernel is tested against. Written to be
 * obviously right, not fast: one pass per step, no tricks beyond those the contract itself asks for.
 */
public final class Reference {
    private Reference() {
    }

    /** Scores one row of float64 values; results in the order of {@code options.measures()}. */
    public static double[] score(ScoreOptions options, double[] p, double[] q) {
        return score(options, p, q, Dtype.FLOAT64);
    }

    /** Scores one row of float32 values, widened exactly; the float32 row-sum tolerance applies. */
    public static double[] score(ScoreOptions options, float[] p, float[] q) {
        return score(options, widen(p), widen(q), Dtype.FLOAT32);
    }

    /** Scores one row whose values were stored as {@code dtype} (which picks the default tolerance). */
    public static double[] score(ScoreOptions options, double[] p, double[] q, Dtype dtype) {
        if (p.length != q.length) {
            throw new InvalidRowException(InvalidReason.LENGTH_MISMATCH, null, InvalidRowException.WHOLE_ROW,
                    "p has " + p.length + " categories, q has " + q.length);
        }
        double tolerance = options.sumTolerance(dtype);
        Distribution dp = resolve(p, options.pForm(), tolerance, "p");
        Distribution dq = resolve(q, options.qForm(), tolerance, "q");
        List<Measure> measures = options.measures();
        double[] out = new double[measures.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = score(measures.get(i), dp, dq, options.base());
        }
        return out;
    }

    /** One measure of two resolved sides, in the given unit. */
    public static double score(Measure measure, Distribution p, Distribution q, LogBase base) {
        if (measure == Measure.JS_DISTANCE) {
            return Math.sqrt(Math.max(base.fromNats(nats(Measure.JS, p, q)), 0.0));
        }
        return base.fromNats(nats(measure, p, q));
    }

    /** One measure in nats; {@link Measure#JS_DISTANCE} is the square root of the divergence in nats. */
    public static double nats(Measure measure, Distribution p, Distribution q) {
        return switch (measure) {
            case KL -> relativeEntropy(p, q);
            case REVERSE_KL -> relativeEntropy(q, p);
            case JEFFREYS -> relativeEntropy(p, q) + relativeEntropy(q, p);
            case JS -> jensenShannon(p, q);
            case JS_DISTANCE -> Math.sqrt(Math.max(jensenShannon(p, q), 0.0));
            case CROSS_ENTROPY -> crossEntropy(p, q);
            case ENTROPY_P -> crossEntropy(p, p);
            case ENTROPY_Q -> crossEntropy(q, q);
        };
    }

    /**
     * Σ p·ln(p/q) over p > 0: a category with p = 0 adds 0 whatever q is; p > 0 with q = 0 adds +inf. The log ratio
     * of two probability-form sides comes from the probabilities themselves ({@link TermMath#logRatio}), of any
     * other pair from the difference of the logs, which the log forms know better than any probability.
     */
    static double relativeEntropy(Distribution p, Distribution q) {
        boolean ratioOfProbabilities = p.probNative() && q.probNative();
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < p.size(); i++) {
            double pi = p.prob()[i];
            if (pi > 0.0) {
                double logRatio = ratioOfProbabilities ? TermMath.logRatio(pi, q.prob()[i]) : p.logProb()[i] - q.logProb()[i];
                sum.add(pi * logRatio);
            }
        }
        return sum.value();
    }

    /** −Σ p·ln q over p > 0. */
    static double crossEntropy(Distribution p, Distribution q) {
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < p.size(); i++) {
            double pi = p.prob()[i];
            if (pi > 0.0) {
                sum.add(pi * q.logProb()[i]);
            }
        }
        return -sum.value();
    }

    /** ½Σ [p·ln(2p/(p+q)) + q·ln(2q/(p+q))], each category's share non-negative ({@link TermMath#jensenShannonTwice}). */
    static double jensenShannon(Distribution p, Distribution q) {
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < p.size(); i++) {
            sum.add(TermMath.jensenShannonTwice(p.prob()[i], q.prob()[i]));
        }
        return 0.5 * sum.value();
    }

    /**
     * Applies an input form to one side's row and validates it (SEMANTICS.md, "Input forms").
     *
     * @param values    the stored values
     * @param form      how they encode the distribution
     * @param tolerance how far the row sum may stray from 1 (logsumexp from 0)
     * @param side      {@code p} or {@code q}, for error messages
     * @throws InvalidRowException naming the category and the reason
     */
    public static Distribution resolve(double[] values, InputForm form, double tolerance, String side) {
        return switch (form.kind()) {
            case PROB -> probabilities(values, tolerance, side);
            case NORMALIZE -> normalized(values, side);
            case LOGPROB -> logProbabilities(values, tolerance, side);
            case LOGITS -> softmax(values, form.temperature(), side);
        };
    }

    private static Distribution probabilities(double[] x, double tolerance, String side) {
        double sum = checkedProbabilitySum(x, side);
        if (!(Math.abs(sum - 1.0) <= tolerance)) {
            throw new InvalidRowException(InvalidReason.SUM_NOT_ONE, side, InvalidRowException.WHOLE_ROW,
                    "sum " + sum + ", tolerance " + tolerance);
        }
        double[] ln = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            ln[i] = Math.log(x[i]);
        }
        return new Distribution(x.clone(), ln, true);
    }

    private static Distribution normalized(double[] x, String side) {
        double sum = checkedProbabilitySum(x, side);
        if (!(sum > 0.0) || Double.isInfinite(sum)) {
            throw new InvalidRowException(InvalidReason.SUM_NOT_POSITIVE, side, InvalidRowException.WHOLE_ROW,
                    "sum " + sum);
        }
        double[] prob = new double[x.length];
        double[] ln = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            prob[i] = x[i] / sum;
            ln[i] = Math.log(prob[i]);
        }
        return new Distribution(prob, ln, true);
    }

    /** The row sum, after checking every value is a finite non-negative number. */
    private static double checkedProbabilitySum(double[] x, String side) {
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                throw new InvalidRowException(InvalidReason.NAN, side, i, null);
            }
            if (v == Double.POSITIVE_INFINITY) {
                throw new InvalidRowException(InvalidReason.POSITIVE_INFINITY, side, i, null);
            }
            if (v == Double.NEGATIVE_INFINITY) {
                throw new InvalidRowException(InvalidReason.NEGATIVE_INFINITY, side, i, null);
            }
            if (v < 0.0) {
                throw new InvalidRowException(InvalidReason.NEGATIVE, side, i, "value " + v);
            }
            sum += v;
        }
        return sum;
    }

    private static Distribution logProbabilities(double[] x, double tolerance, String side) {
        checkNoNanOrPositiveInfinity(x, side);
        double lse = logSumExp(x);
        if (!(Math.abs(lse) <= tolerance)) {
            throw new InvalidRowException(InvalidReason.LOGSUMEXP_NOT_ZERO, side, InvalidRowException.WHOLE_ROW,
                    "logsumexp " + lse + ", tolerance " + tolerance);
        }
        double[] prob = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            prob[i] = Math.exp(x[i]);
        }
        return new Distribution(prob, x.clone(), false);
    }

    /**
     * ln softmax(a / T)_i = (a_i − max)/T − ln s, s = Σ exp((a_j − max)/T). Subtracting the maximum before dividing
     * keeps every intermediate finite for any finite input and any T > 0. The first maximum adds exactly 1 to s,
     * so ln s is taken as log1p of the others' (compensated) sum: exact to the last bit for a near-certain row,
     * where ln s is tiny and every result moves with its error.
     */
    private static Distribution softmax(double[] a, double temperature, String side) {
        checkNoNanOrPositiveInfinity(a, side);
        int first = firstMaximum(a);
        double max = a.length == 0 ? Double.NEGATIVE_INFINITY : a[first];
        if (max == Double.NEGATIVE_INFINITY) {
            throw new InvalidRowException(InvalidReason.ALL_MASKED, side, InvalidRowException.WHOLE_ROW, null);
        }
        CompensatedSum others = new CompensatedSum();
        for (int i = 0; i < a.length; i++) {
            if (i != first) {
                others.add(Math.exp((a[i] - max) / temperature));
            }
        }
        double lnSum = Math.log1p(others.value());
        double[] prob = new double[a.length];
        double[] ln = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            ln[i] = (a[i] - max) / temperature - lnSum;
            prob[i] = Math.exp(ln[i]);
        }
        return new Distribution(prob, ln, false);
    }

    /** Where the row's largest value first occurs (index 0 for an all −inf row). */
    private static int firstMaximum(double[] a) {
        int first = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[first]) {
                first = i;
            }
        }
        return first;
    }

    /** ln Σ exp(x), computed stably; −inf for an empty or all −inf row. */
    static double logSumExp(double[] x) {
        double max = max(x);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0.0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    private static double max(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static void checkNoNanOrPositiveInfinity(double[] x, String side) {
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                throw new InvalidRowException(InvalidReason.NAN, side, i, null);
            }
            if (x[i] == Double.POSITIVE_INFINITY) {
                throw new InvalidRowException(InvalidReason.POSITIVE_INFINITY, side, i, null);
            }
        }
    }

    /** Exact widening of a float32 row. */
    public static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
