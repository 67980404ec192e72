package io.kldiv.spark;

import io.kldiv.batch.ChunkTally;
import io.kldiv.kernel.RowStatus;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * What one partition contributes to a summary. Rows are tallied in chunks of {@link #CHUNK_ROWS} rows counted from
 * the dataset's first row, not the partition's: chunks inside the partition are tallied here, the (at most two) cut by
 * its edges travel as rows. The driver merges chunks in chunk order, so the moments do not depend on how the rows are
 * partitioned. Percentile inputs: every valid value (exact mode) or a KLL sketch per measure.
 */
final class PartitionTally implements Serializable {
    private static final long serialVersionUID = 1L;
    static final long CHUNK_ROWS = 4096;
    /** KLL's k: a normalized rank error of about 0.25 % (99 % confidence) for any number of rows. */
    static final int SKETCH_K = 1024;

    /** One chunk in this partition: tallied here, or its rows when the partition holds only part of it. */
    record Chunk(long index, ChunkTally tally, ChunkRows rows) implements Serializable {
    }

    final ArrayList<Chunk> chunks = new ArrayList<>();
    final long[] problems = new long[InputProblem.values().length];
    final double[][] values;
    final int[] valueCounts;
    final byte[][] sketches;
    long rows;
    long bytesScanned;
    /** The K of every scored row, 0 when they differ, -1 when none was scored. */
    int k = -1;
    String kernel;

    private PartitionTally(int measures, boolean exact) {
        values = exact ? new double[measures][] : null;
        valueCounts = new int[measures];
        sketches = exact ? null : new byte[measures][];
    }

    /**
     * @param first the dataset-wide index of the partition's first row
     * @param end   the dataset-wide index after its last row (from the counting pass)
     * @param total rows in the dataset
     */
    static PartitionTally of(Iterator<InternalRow> input, ScoringPlan plan, long first, long end, long total, boolean exact) {
        int measures = plan.options().scoreOptions().measures().size();
        PartitionTally t = new PartitionTally(measures, exact);
        KllDoublesSketch[] sketches = new KllDoublesSketch[measures];
        for (int m = 0; m < measures; m++) {
            if (exact) {
                t.values[m] = new double[1024];
            } else {
                sketches[m] = KllDoublesSketch.newHeapInstance(SKETCH_K);
            }
        }
        double[] row = new double[measures];
        ChunkRows current = new ChunkRows(measures);
        long chunk = first / CHUNK_ROWS;
        long g = first;
        try (PartitionScorer scorer = new PartitionScorer(input, plan, false)) {
            t.kernel = scorer.kernelName();
            while (scorer.nextBlock()) {
                if (scorer.k() >= 0) {
                    t.k = t.k == -1 || t.k == scorer.k() ? scorer.k() : 0;
                }
                for (int i = 0; i < scorer.size(); i++, g++) {
                    if (g / CHUNK_ROWS != chunk) {
                        t.finish(chunk, current, first, end, total);
                        chunk = g / CHUNK_ROWS;
                        current = new ChunkRows(measures);
                    }
                    byte status = scorer.status(i);
                    InputProblem problem = RowOutcome.problem(status);
                    if (problem != null) {
                        t.problems[problem.ordinal()]++;
                        continue;
                    }
                    boolean valid = status == RowStatus.VALID;
                    for (int m = 0; m < measures; m++) {
                        row[m] = valid ? scorer.value(m, i) : Double.NaN;
                        if (valid) {
                            t.addValue(m, row[m], sketches);
                        }
                    }
                    current.add(status, row, valid && scorer.argmaxAgrees(i));
                }
            }
            t.bytesScanned = scorer.bytesScanned();
        }
        if (g != end) {
            throw new IllegalStateException("kldiv: partition " + org.apache.spark.TaskContext.getPartitionId() + " had "
                    + (end - first) + " rows when counted and " + (g - first)
                    + " when scored; summarize needs a dataset that reads the same rows twice (cache or checkpoint it)");
        }
        if (g > first) {
            t.finish(chunk, current, first, end, total);
        }
        t.rows = end - first;
        if (!exact) {
            for (int m = 0; m < measures; m++) {
                t.sketches[m] = sketches[m].toByteArray();
            }
        }
        return t;
    }

    private void addValue(int m, double v, KllDoublesSketch[] sketches) {
        if (values == null) {
            sketches[m].update(v);
            return;
        }
        if (valueCounts[m] == values[m].length) {
            values[m] = Arrays.copyOf(values[m], 2 * values[m].length);
        }
        values[m][valueCounts[m]++] = v;
    }

    private void finish(long chunk, ChunkRows rowsOfChunk, long first, long end, long total) {
        long chunkStart = chunk * CHUNK_ROWS;
        long chunkEnd = Math.min(chunkStart + CHUNK_ROWS, total);
        boolean whole = chunkStart >= first && chunkEnd <= end;
        chunks.add(whole ? new Chunk(chunk, rowsOfChunk.tally(), null) : new Chunk(chunk, null, rowsOfChunk));
    }
}
