package io.kldiv.llama;

import io.kldiv.batch.OrderStatistics;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistics {@code llama-perplexity --kl-divergence} prints about the tokens that actually came next, with
 * p as llama.cpp's "base" model and q as its "Q" model, computed as tools/perplexity/perplexity.cpp computes
 * them (function {@code kl_divergence}). With a = −ln p(token) and b = −ln q(token) per row, n rows:
 * <ul>
 *   <li>a mean m ± its uncertainty is m = Σx/n ± √(Σ(x − m)²/n / (n − 1)), llama.cpp's {@code mean_and_uncertainty}
 *       (it takes Σx²/n − m², which cancels; the deviations are summed here instead, in row order);</li>
 *   <li>PPL(p) = exp(mean a) ± PPL·(uncertainty of mean a), PPL(q) likewise from b;</li>
 *   <li>the covariance of the two means is Σ(a − ā)(b − b̄)/n / (n − 1), the correlation the covariance over
 *       the product of the two uncertainties (Pearson's r of a and b, which is that of ln p and ln q);</li>
 *   <li>ln(PPL(q)/PPL(p)) = b̄ − ā ± √(u_a² + u_b² − 2·cov), here the uncertainty of the mean of b − a, the same
 *       quantity that cannot come out negative under the root; PPL(q)/PPL(p) = exp of it ± itself times the
 *       uncertainty; PPL(q) − PPL(p) ± √(U_q² + U_p² − 2·PPL(q)·PPL(p)·cov);</li>
 *   <li>KL: the mean ± of the job's per-row kl (llama.cpp's KLD, there in nats);</li>
 *   <li>Δp = q(token) − p(token): its mean ±, its percentiles (linear interpolation at fraction·(n − 1) of the
 *       sorted values, as llama.cpp's {@code percentile}; its median is the same number), and
 *       RMS Δp = √(mean Δp²) ± ½·(uncertainty of mean Δp²)/RMS;</li>
 *   <li>same top p: the fraction f of rows whose argmaxes agree ± √(f(1 − f)/(n − 1)).</li>
 * </ul>
 * llama.cpp reports an uncertainty of 0 (and prints no final statistics) for 10 tokens or fewer; here every
 * uncertainty and the correlation are NaN there, which says the same without claiming certainty. Everything is
 * in double precision (llama.cpp keeps the per-token values in float32) and sums run in row order, so the result
 * does not depend on how the rows were scored.
 *
 * @param tokens               the rows counted
 * @param perplexityP          PPL(p), llama.cpp's "PPL(base)"
 * @param perplexityQ          PPL(q), llama.cpp's "PPL(Q)"
 * @param lnPerplexityRatio    ln(PPL(q)/PPL(p))
 * @param correlation          the correlation of ln p(token) and ln q(token) over the rows
 * @param perplexityRatio      PPL(q)/PPL(p)
 * @param perplexityDifference PPL(q) − PPL(p)
 * @param kl                   the mean KL(p‖q) of the rows in the job's unit, NaN when kl was not scored
 * @param meanDeltaP           mean of Δp = q(token) − p(token)
 * @param deltaP               Δp at the fractions of {@link #DELTA_P_FRACTIONS}, in that order (maximum first)
 * @param rmsDeltaP            √(mean Δp²)
 * @param sameTop              the fraction of rows whose p and q argmaxes agree
 */
public record TokenStatistics(long tokens, Estimate perplexityP, Estimate perplexityQ, Estimate lnPerplexityRatio,
                              double correlation, Estimate perplexityRatio, Estimate perplexityDifference, Estimate kl,
                              Estimate meanDeltaP, List<Quantile> deltaP, Estimate rmsDeltaP, Estimate sameTop) {

    /** The Δp percentiles llama.cpp prints, in its order: maximum, 99.9%, …, median, …, 0.1%, minimum. */
    public static final List<Double> DELTA_P_FRACTIONS =
            List.of(1.0, 0.999, 0.99, 0.95, 0.90, 0.75, 0.5, 0.25, 0.10, 0.05, 0.01, 0.001, 0.0);

    /** Uncertainties need more rows than this (llama.cpp's {@code count > 10}). */
    public static final long MIN_ROWS_FOR_UNCERTAINTY = 11;

    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /** A value ± its uncertainty (one standard error); the uncertainty is NaN where there is none. */
    public record Estimate(double value, double uncertainty) {
    }

    /** The value at {@code fraction} of the sorted values (0 the minimum, 1 the maximum). */
    public record Quantile(double fraction, double value) {
    }

    public TokenStatistics {
        deltaP = List.copyOf(deltaP);
    }

    /**
     * Computes the statistics over the rows {@code counted} includes. Δp is gathered into an off-heap column of
     * 8 bytes per row for its percentiles (an exact radix select, {@link OrderStatistics}); nothing per row is
     * held on the heap.
     *
     * @param rows    each row's ln p and ln q of the next token and argmax agreement
     * @param kl      float64 per row, the job's kl results; null if kl was not scored
     * @param counted the rows that count (the job's valid rows)
     */
    public static TokenStatistics compute(TokenColumns rows, MemorySegment kl, OrderStatistics.RowFilter counted) {
        long n = 0;
        double sumA = 0;
        double sumB = 0;
        double sumDelta = 0;
        double sumDelta2 = 0;
        double sumKl = 0;
        long same = 0;
        for (long r = 0; r < rows.rows(); r++) {
            if (!counted.includes(r)) {
                continue;
            }
            double lnP = rows.logProbP().getAtIndex(DOUBLE, r);
            double lnQ = rows.logProbQ().getAtIndex(DOUBLE, r);
            double delta = Math.exp(lnQ) - Math.exp(lnP);
            n++;
            sumA -= lnP;
            sumB -= lnQ;
            sumDelta += delta;
            sumDelta2 += delta * delta;
            sumKl += kl == null ? 0 : kl.getAtIndex(DOUBLE, r);
            same += rows.sameTop().get(ValueLayout.JAVA_BYTE, r) != 0 ? 1 : 0;
        }
        double meanA = sumA / n;
        double meanB = sumB / n;
        double meanDelta = sumDelta / n;
        double meanDelta2 = sumDelta2 / n;
        double meanKl = kl == null ? Double.NaN : sumKl / n;
        double devA = 0;
        double devB = 0;
        double devAB = 0;
        double devRatio = 0;
        double devDelta = 0;
        double devDelta2 = 0;
        double devKl = 0;
        List<Quantile> quantiles = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment deltas = arena.allocate(Math.max(1, rows.rows()) * Double.BYTES, Double.BYTES);
            for (long r = 0; r < rows.rows(); r++) {
                if (!counted.includes(r)) {
                    continue;
                }
                double a = -rows.logProbP().getAtIndex(DOUBLE, r);
                double b = -rows.logProbQ().getAtIndex(DOUBLE, r);
                double delta = Math.exp(-b) - Math.exp(-a);
                deltas.setAtIndex(DOUBLE, r, delta);
                devA += (a - meanA) * (a - meanA);
                devB += (b - meanB) * (b - meanB);
                devAB += (a - meanA) * (b - meanB);
                double ratio = (b - a) - (meanB - meanA);
                devRatio += ratio * ratio;
                devDelta += (delta - meanDelta) * (delta - meanDelta);
                devDelta2 += (delta * delta - meanDelta2) * (delta * delta - meanDelta2);
                if (kl != null) {
                    double v = kl.getAtIndex(DOUBLE, r) - meanKl;
                    devKl += v * v;
                }
            }
            if (n > 0) {
                long[] ranks = new long[2 * DELTA_P_FRACTIONS.size()];
                int i = 0;
                for (double f : DELTA_P_FRACTIONS) {
                    double h = f * (n - 1);
                    ranks[i++] = (long) Math.floor(h);
                    ranks[i++] = Math.min((long) Math.floor(h) + 1, n - 1);
                }
                double[] values = OrderStatistics.select(deltas, rows.rows(), counted, ranks);
                i = 0;
                for (double f : DELTA_P_FRACTIONS) {
                    double h = f * (n - 1);
                    double w = h - Math.floor(h);
                    double lo = values[i++];
                    double hi = values[i++];
                    quantiles.add(new Quantile(f, w == 0 ? lo : (1 - w) * lo + w * hi));
                }
            } else {
                for (double f : DELTA_P_FRACTIONS) {
                    quantiles.add(new Quantile(f, Double.NaN));
                }
            }
        }
        double uA = uncertainty(n, devA);
        double uB = uncertainty(n, devB);
        double covariance = n < MIN_ROWS_FOR_UNCERTAINTY ? Double.NaN : devAB / n / (n - 1);
        double pplP = Math.exp(meanA);
        double pplQ = Math.exp(meanB);
        double lnRatio = meanB - meanA;
        double uRatio = uncertainty(n, devRatio);
        double ratio = Math.exp(lnRatio);
        double uPplP = pplP * uA;
        double uPplQ = pplQ * uB;
        double uDifference = Math.sqrt(Math.max(0, uPplQ * uPplQ + uPplP * uPplP - 2 * pplQ * pplP * covariance));
        double rms = Math.sqrt(meanDelta2);
        double uMse = uncertainty(n, devDelta2);
        double sameRate = (double) same / n;
        return new TokenStatistics(n,
                new Estimate(pplP, uPplP),
                new Estimate(pplQ, uPplQ),
                new Estimate(lnRatio, uRatio),
                covariance / (uA * uB),
                new Estimate(ratio, ratio * uRatio),
                new Estimate(pplQ - pplP, uDifference),
                new Estimate(meanKl, kl == null || Double.isInfinite(meanKl) ? Double.NaN : uncertainty(n, devKl)),
                new Estimate(meanDelta, uncertainty(n, devDelta)),
                quantiles,
                // At RMS 0 every Δp is 0: the uncertainty of the mean square is then 0 too, and so is RMS's.
                new Estimate(rms, rms == 0 ? uMse : 0.5 * uMse / rms),
                new Estimate(sameRate, n < MIN_ROWS_FOR_UNCERTAINTY ? Double.NaN
                        : Math.sqrt(sameRate * (1 - sameRate) / (n - 1))));
    }

    /** √(Σ(x − x̄)²/n / (n − 1)): the standard error of a mean, NaN below {@link #MIN_ROWS_FOR_UNCERTAINTY} rows. */
    private static double uncertainty(long n, double sumOfSquaredDeviations) {
        return n < MIN_ROWS_FOR_UNCERTAINTY ? Double.NaN : Math.sqrt(sumOfSquaredDeviations / n / (n - 1));
    }
}
