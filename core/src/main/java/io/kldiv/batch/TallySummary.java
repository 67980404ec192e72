package io.kldiv.batch;

import io.kldiv.Dtype;
import io.kldiv.InvalidReason;
import io.kldiv.Measure;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the merged tally of a job and the order statistics of its results into the summary the CLI prints. One
 * place for this, shared by {@link BatchScorer} and engines that tally elsewhere (Spark).
 */
public final class TallySummary {

    /** Values of one measure's valid results at 0-based ranks of their ascending order (NaN never counted). */
    @FunctionalInterface
    public interface RankedValues {
        double[] select(int measure, long[] ranks);
    }

    /** What the summary says about the job besides its statistics (see {@link BatchSummary}). */
    public record Job(long rows, int k, Dtype dtype, int threads, String kernel, double seconds, double warmupSeconds,
                      long bytesScanned) {
    }

    private TallySummary() {
    }

    /**
     * @param measures the measures of the tally's columns, in order
     * @param topK     the k of the top-k overlap tallied, or 0 for none
     */
    public static BatchSummary summarize(Job job, List<Measure> measures, int topK, ChunkTally total, RankedValues ranked) {
        Map<InvalidReason, Long> invalid = new EnumMap<>(InvalidReason.class);
        for (InvalidReason r : InvalidReason.values()) {
            if (total.invalid[r.ordinal()] > 0) {
                invalid.put(r, total.invalid[r.ordinal()]);
            }
        }
        List<MeasureSummary> summaries = new ArrayList<>();
        for (int m = 0; m < measures.size(); m++) {
            summaries.add(measureSummary(measures.get(m), m, total, ranked));
        }
        long valid = total.measures.length == 0 ? 0 : total.measures[0].count + total.infCount[0];
        double agreeRate = valid == 0 ? Double.NaN : (double) total.argmaxAgreements / valid;
        Agreement top1 = new Agreement(1, agreeRate, valid < 2 ? Double.NaN : Math.sqrt(agreeRate * (1 - agreeRate) / valid));
        Agreement topKAgreement = topK == 0 ? null
                : new Agreement(topK, total.overlap.count == 0 ? Double.NaN : total.overlap.mean,
                        total.overlap.standardError());
        return new BatchSummary(job.rows(), job.k(), job.dtype(), job.threads(), job.kernel(), job.seconds(),
                job.warmupSeconds(), job.bytesScanned(), invalid, top1, topKAgreement, summaries);
    }

    private static MeasureSummary measureSummary(Measure measure, int m, ChunkTally total, RankedValues ranked) {
        Moments finite = total.measures[m];
        long infinite = total.infCount[m];
        long count = finite.count + infinite;
        Map<Percentile, Double> percentiles = new LinkedHashMap<>();
        if (count == 0) {
            for (Percentile p : Percentile.values()) {
                percentiles.put(p, Double.NaN);
            }
            return new MeasureSummary(measure, 0, Double.NaN, Double.NaN, Double.NaN, percentiles, Double.NaN, 0);
        }
        // Linear interpolation between the order statistics around (n − 1)·f, as NumPy's default percentile.
        long[] ranks = new long[2 * Percentile.values().length];
        int i = 0;
        for (Percentile p : Percentile.values()) {
            double h = (count - 1) * p.fraction();
            ranks[i++] = (long) Math.floor(h);
            ranks[i++] = (long) Math.ceil(h);
        }
        double[] values = ranked.select(m, ranks);
        i = 0;
        for (Percentile p : Percentile.values()) {
            double h = (count - 1) * p.fraction();
            double lo = values[i++];
            double hi = values[i++];
            double frac = h - Math.floor(h);
            percentiles.put(p, frac == 0 || lo == hi ? lo : lo + frac * (hi - lo));
        }
        double mean = infinite > 0 ? Double.POSITIVE_INFINITY : finite.mean;
        double stderr = infinite > 0 ? Double.NaN : finite.standardError();
        return new MeasureSummary(measure, count, mean, stderr, total.min[m], percentiles, total.max[m], infinite);
    }
}
