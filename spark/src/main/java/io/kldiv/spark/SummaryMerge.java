package io.kldiv.spark;

import io.kldiv.batch.BatchSummary;
import io.kldiv.batch.ChunkTally;
import io.kldiv.batch.OrderStatistics;
import io.kldiv.batch.TallySummary;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/** On the driver: partitions' tallies, in partition order, into one summary. */
final class SummaryMerge {
    private SummaryMerge() {
    }

    static KldivSummary merge(List<PartitionTally> partitions, ScoringPlan plan, long total, boolean exact, double seconds) {
        int measures = plan.options().scoreOptions().measures().size();
        ChunkTally sum = new ChunkTally(measures);
        ChunkRows piece = null;
        long pieceChunk = -1;
        long[] problems = new long[InputProblem.values().length];
        long bytes = 0;
        int k = -1;
        String kernel = "none";
        for (PartitionTally part : partitions) {
            for (PartitionTally.Chunk c : part.chunks) {
                if (piece != null && (c.rows() == null || c.index() != pieceChunk)) {
                    sum.merge(piece.tally());
                    piece = null;
                }
                if (c.rows() == null) {
                    sum.merge(c.tally());
                } else {
                    if (piece == null) {
                        piece = new ChunkRows(measures);
                        pieceChunk = c.index();
                    }
                    piece.addAll(c.rows());
                }
            }
            for (int i = 0; i < problems.length; i++) {
                problems[i] += part.problems[i];
            }
            bytes += part.bytesScanned;
            if (part.k >= 0) {
                k = k == -1 || k == part.k ? part.k : 0;
            }
            kernel = part.kernel;
        }
        if (piece != null) {
            sum.merge(piece.tally());
        }
        Map<String, Long> inputProblems = new LinkedHashMap<>();
        for (InputProblem p : InputProblem.values()) {
            if (problems[p.ordinal()] > 0) {
                inputProblems.put(p.key(), problems[p.ordinal()]);
            }
        }
        TallySummary.Job job = new TallySummary.Job(total, Math.max(k, 0), plan.dtype(), partitions.size(), kernel,
                seconds, 0.0, bytes);
        try (Arena arena = Arena.ofConfined()) {
            TallySummary.RankedValues ranked = exact ? exactValues(partitions, arena) : sketchValues(partitions, measures);
            BatchSummary batch = TallySummary.summarize(job, plan.options().scoreOptions().measures(), 0, sum, ranked);
            double rankError = exact ? 0 : KllDoublesSketch.getNormalizedRankError(PartitionTally.SKETCH_K, false);
            return new KldivSummary(batch, inputProblems, exact, rankError);
        }
    }

    /** Every valid value, gathered off-heap, through the CLI's exact selection. */
    private static TallySummary.RankedValues exactValues(List<PartitionTally> partitions, Arena arena) {
        return (m, ranks) -> {
            long n = 0;
            for (PartitionTally part : partitions) {
                n += part.valueCounts[m];
            }
            MemorySegment column = arena.allocate(Math.max(1, n * Double.BYTES), 8);
            long at = 0;
            for (PartitionTally part : partitions) {
                MemorySegment.copy(part.values[m], 0, column, ValueLayout.JAVA_DOUBLE, at, part.valueCounts[m]);
                at += (long) part.valueCounts[m] * Double.BYTES;
            }
            return OrderStatistics.select(column, n, OrderStatistics.RowFilter.ALL, ranks);
        };
    }

    /** The partitions' KLL sketches merged; rank r of n is asked as the normalized rank (r + 1) / n. */
    private static TallySummary.RankedValues sketchValues(List<PartitionTally> partitions, int measures) {
        KllDoublesSketch[] merged = new KllDoublesSketch[measures];
        for (int m = 0; m < measures; m++) {
            merged[m] = KllDoublesSketch.newHeapInstance(PartitionTally.SKETCH_K);
            for (PartitionTally part : partitions) {
                merged[m].merge(KllDoublesSketch.heapify(Memory.wrap(part.sketches[m])));
            }
        }
        return (m, ranks) -> {
            long n = merged[m].getN();
            double[] values = new double[ranks.length];
            for (int i = 0; i < ranks.length; i++) {
                values[i] = merged[m].getQuantile(Math.min(1.0, (ranks[i] + 1.0) / n), QuantileSearchCriteria.INCLUSIVE);
            }
            return values;
        };
    }
}
