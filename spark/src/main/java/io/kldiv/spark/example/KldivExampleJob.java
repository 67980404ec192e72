package io.kldiv.spark.example;

import io.kldiv.batch.MeasureSummary;
import io.kldiv.batch.Percentile;
import io.kldiv.spark.KldivFunctions;
import io.kldiv.spark.KldivSpark;
import io.kldiv.spark.KldivSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The README's example job: a teacher's logits and a student's (the teacher plus noise) as Parquet, scored with
 * kldiv's SQL function into a Parquet table of results, then summarized as the CLI would.
 *
 * <pre>{@code spark-submit --class io.kldiv.spark.example.KldivExampleJob ... kldiv-spark-all.jar DIR [ROWS [K]]}</pre>
 * DIR/pairs.parquet is written when missing (ROWS rows of K float32 logits; default 100000 × 256); DIR/scores.parquet
 * gets id, kl, reverse_kl, js and status.
 */
public final class KldivExampleJob {
    private KldivExampleJob() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("kldiv example").getOrCreate();
        try {
            run(spark, args);
        } finally {
            spark.stop();
        }
    }

    /** The job on a session of the caller's (the test suite runs it in local[2]). */
    public static KldivSummary run(SparkSession spark, String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: KldivExampleJob DIR [ROWS [K]]");
        }
        Path dir = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        String pairs = dir.resolve("pairs.parquet").toString();
        if (!Files.exists(dir.resolve("pairs.parquet"))) {
            demoPairs(spark, rows, k).write().parquet(pairs);
        }
        KldivFunctions.register(spark);
        spark.read().parquet(pairs).createOrReplaceTempView("pairs");
        spark.sql("SELECT id, s.kl, s.reverse_kl, s.js, s.status FROM (SELECT id,"
                        + " kldiv_score(student, teacher, 'kl,reverse_kl,js', map('input', 'logits')) AS s FROM pairs)")
                .write().mode("overwrite").parquet(dir.resolve("scores.parquet").toString());
        KldivSummary summary = KldivSpark.summarize(spark.table("pairs"), "student", "teacher", "kl,reverse_kl,js",
                Map.of("input", "logits"));
        print(summary);
        return summary;
    }

    /** Teacher logits ~ N(0, 2²), student = teacher + N(0, 0.1²): both from the row id, so any run gives the same. */
    static Dataset<Row> demoPairs(SparkSession spark, long rows, int k) {
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("student", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("teacher", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        MapFunction<Long, Row> pair = id -> {
            SplittableRandom random = new SplittableRandom(id);
            float[] teacher = new float[k];
            float[] student = new float[k];
            for (int i = 0; i < k; i++) {
                teacher[i] = (float) (2 * random.nextGaussian());
                student[i] = (float) (teacher[i] + 0.1 * random.nextGaussian());
            }
            return RowFactory.create(id, student, teacher);
        };
        return spark.range(rows).as(Encoders.LONG()).map(pair, Encoders.row(schema));
    }

    private static void print(KldivSummary s) {
        System.out.printf("rows %d, k %d, partitions %d, kernel %s, %.2f s%n", s.batch().rows(), s.batch().k(),
                s.batch().threads(), s.batch().kernel(), s.batch().seconds());
        for (MeasureSummary m : s.batch().measures()) {
            System.out.printf("%-10s mean %.6g ± %.2g  min %.6g  median %.6g  p99 %.6g  max %.6g  +inf rows %d%n",
                    m.measure(), m.mean(), m.stderr(), m.min(), m.percentile(Percentile.MEDIAN),
                    m.percentile(Percentile.P99), m.max(), m.infCount());
        }
        System.out.printf("top-1 agreement %.4f ± %.4f%n", s.batch().top1().rate(), s.batch().top1().stderr());
        System.out.println("invalid rows " + s.batch().invalid() + ", unscorable rows " + s.inputProblems()
                + (s.exactPercentiles() ? ", exact percentiles" : ", percentiles ± " + s.percentileRankError() + " in rank"));
    }
}
