package io.kldiv.batch;

import io.kldiv.Dtype;
import io.kldiv.InvalidReason;
import io.kldiv.Measure;
import java.util.List;
import java.util.Map;

/**
 * What a batch job reports: the job, its speed, invalid rows by reason, and per-measure statistics.
 *
 * @param rows          rows in the input
 * @param k             categories per row
 * @param dtype         the input's element type
 * @param threads       worker threads used (the requested count, capped at the chunks and the available processors)
 * @param kernel        the kernel's name
 * @param seconds       wall time of the scoring phase alone
 * @param warmupSeconds wall time of the kernel's warm-up before it ({@link KernelWarmup}), 0 when there was none
 * @param bytesScanned  bytes of p and q read by the scoring phase
 * @param invalid       invalid rows by reason (empty when all rows were valid)
 * @param top1          argmax agreement
 * @param topK          top-k overlap for the requested k, or null when none was requested
 * @param measures      a summary per requested measure, in the requested order
 */
public record BatchSummary(
        long rows, int k, Dtype dtype, int threads, String kernel, double seconds, double warmupSeconds,
        long bytesScanned,
        Map<InvalidReason, Long> invalid, Agreement top1, Agreement topK, List<MeasureSummary> measures) {

    /** Rows that were scored (not invalid). */
    public long validRows() {
        return rows - invalid.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Throughput of the scoring phase in GB/s (10^9 bytes). */
    public double gigabytesPerSecond() {
        return seconds > 0 ? bytesScanned / seconds / 1e9 : Double.NaN;
    }

    public MeasureSummary measure(Measure m) {
        for (MeasureSummary s : measures) {
            if (s.measure() == m) {
                return s;
            }
        }
        throw new IllegalArgumentException(m + " was not scored");
    }
}
