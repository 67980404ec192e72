package io.kldiv.spark;

import io.kldiv.batch.BatchSummary;
import java.util.Map;

/**
 * A distributed job's summary: the CLI's summary ({@link BatchSummary}: count, mean ± stderr, min, percentiles, max,
 * +inf rows, invalid rows by reason, top-1 agreement), plus the rows that could not be scored at all and how the
 * percentiles were found. In the batch summary, {@code threads} is the number of partitions, {@code k} is 0 when
 * rows have different K, and rows with an {@link InputProblem} are not counted as invalid.
 *
 * @param batch              the CLI's summary of the scored rows
 * @param inputProblems      rows by {@link InputProblem} key ({@code null_input}, …), only those that occurred
 * @param exactPercentiles   true when percentiles are exact order statistics (interpolated as the CLI's)
 * @param percentileRankError 0 when exact; else the KLL sketch's normalized rank error (99 % confidence): each
 *                           percentile is a value whose rank is within this fraction of the rows of the asked one
 */
public record KldivSummary(BatchSummary batch, Map<String, Long> inputProblems, boolean exactPercentiles,
                           double percentileRankError) {
}
