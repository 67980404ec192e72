package io.kldiv.batch;

import io.kldiv.Measure;
import java.util.Map;

/**
 * One measure over every valid row. A +inf row is a valid answer and counts like any other: it makes the mean
 * and the top percentiles +inf, and is also counted in {@code infCount}.
 *
 * @param measure     the measure
 * @param count       valid rows
 * @param mean        arithmetic mean (NaN with no rows)
 * @param stderr      standard error of the mean, s/√n (NaN with fewer than two rows or an infinite mean)
 * @param min         smallest value
 * @param percentiles each {@link Percentile}, linearly interpolated between order statistics (NumPy's default)
 * @param max         largest value
 * @param infCount    rows whose value is +inf
 */
public record MeasureSummary(
        Measure measure, long count, double mean, double stderr, double min, Map<Percentile, Double> percentiles,
        double max, long infCount) {

    public double percentile(Percentile p) {
        return percentiles.get(p);
    }
}
