package io.kldiv.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * kldiv over a Dataset, a block of rows at a time: {@link #score} appends result columns to every row,
 * {@link #summarize} returns the CLI's summary of the whole dataset. Both read Spark's rows directly (no conversion to
 * {@link Row}, no boxing) and score them with the kernel the CLI uses.
 */
public final class KldivSpark {
    /** The status column {@link #score} appends: {@code valid}, an invalid reason's key, or an input problem's key. */
    public static final String STATUS_COLUMN = "kldiv_status";

    private KldivSpark() {
    }

    /** {@link #score(Dataset, String, String, KldivOptions)} with the measures and options as strings. */
    public static Dataset<Row> score(Dataset<Row> dataset, String p, String q, String measures, Map<String, String> options) {
        return score(dataset, p, q, KldivOptions.of(measures, options));
    }

    /**
     * The dataset with one double column per measure (named as the measure, {@code reverse_kl}; null where the row
     * was not scored) and {@link #STATUS_COLUMN}. Lazy, like any transformation; under {@code on_invalid = error} an
     * invalid row fails its task with a message naming the partition, the row's index in it and the reason.
     *
     * @throws IllegalArgumentException for a missing column, an unreadable type, or a result column name in use
     */
    public static Dataset<Row> score(Dataset<Row> dataset, String p, String q, KldivOptions options) {
        org.apache.spark.sql.classic.Dataset<Row> ds = (org.apache.spark.sql.classic.Dataset<Row>) dataset;
        StructType schema = ds.schema();
        ScoringPlan plan = ScoringPlan.of(schema, p, q, options);
        List<String> added = new ArrayList<>(options.columnNames());
        added.add(STATUS_COLUMN);
        StructType output = schema;
        for (String name : added) {
            if (List.of(schema.fieldNames()).contains(name)) {
                throw new IllegalArgumentException("kldiv: the dataset already has a column " + name);
            }
            output = output.add(name, name.equals(STATUS_COLUMN) ? DataTypes.StringType : DataTypes.DoubleType,
                    !name.equals(STATUS_COLUMN));
        }
        StructType outputSchema = output;
        JavaRDD<InternalRow> scored = ds.queryExecution().toRdd().toJavaRDD()
                .mapPartitions(rows -> new ScoredRowIterator(rows, plan, outputSchema));
        return ds.sparkSession().internalCreateDataFrame(scored.rdd(), outputSchema, false);
    }

    /** {@link #summarize(Dataset, String, String, KldivOptions)} with the measures and options as strings. */
    public static KldivSummary summarize(Dataset<Row> dataset, String p, String q, String measures, Map<String, String> options) {
        return summarize(dataset, p, q, KldivOptions.of(measures, options));
    }

    /**
     * The CLI's summary of every row, in the dataset's row order. Two passes: one counts the rows of each partition
     * (so that summary chunks are counted from the dataset's first row), one scores and tallies. Mean and standard
     * error are the same bit for bit however the same rows, in the same order, are partitioned; percentiles are exact
     * up to {@code exact_percentiles_up_to} rows (every valid value goes to the driver) and from KLL sketches above.
     * The dataset must read the same rows in both passes (a file scan does; cache a random or shuffled one).
     */
    public static KldivSummary summarize(Dataset<Row> dataset, String p, String q, KldivOptions options) {
        long start = System.nanoTime();
        org.apache.spark.sql.classic.Dataset<Row> pq = ((org.apache.spark.sql.classic.Dataset<Row>) dataset).select(p, q);
        ScoringPlan plan = ScoringPlan.of(pq.schema(), p, q, options);
        JavaRDD<InternalRow> rows = pq.queryExecution().toRdd().toJavaRDD();
        List<Long> counts = rows.mapPartitions(it -> {
            long n = 0;
            for (; it.hasNext(); it.next()) {
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        long[] starts = new long[counts.size() + 1];
        for (int i = 0; i < counts.size(); i++) {
            starts[i + 1] = starts[i] + counts.get(i);
        }
        long total = starts[counts.size()];
        boolean exact = total <= options.exactPercentilesUpTo();
        List<PartitionTally> partitions = rows.mapPartitionsWithIndex((i, it) -> List.of(
                PartitionTally.of(it, plan, starts[i], starts[i + 1], total, exact)).iterator(), false).collect();
        return SummaryMerge.merge(partitions, plan, total, exact, (System.nanoTime() - start) / 1e9);
    }
}
