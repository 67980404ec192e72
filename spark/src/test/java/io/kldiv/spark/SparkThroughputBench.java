package io.kldiv.spark;

import io.kldiv.Dtype;
import io.kldiv.npy.NpyWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Rows/s of kldiv's Spark paths against the SQL expression Spark users write without kldiv, on the same Parquet
 * rows in local[*]; writes the same rows as p.npy/q.npy for `kldiv score` (run by bench/spark-bench). Not a test:
 * a plain main, run by the script, so the build never times anything.
 *
 * <pre>{@code SparkThroughputBench DIR ROWS K [REPEATS]}</pre>
 */
public final class SparkThroughputBench {
    static final String SQL_EXPRESSION = "aggregate(zip_with(p, q, (a, b) -> a * ln(a / b)), 0D, (acc, x) -> acc + x)";

    private SparkThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        int k = Integer.parseInt(args[2]);
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        SparkSession spark = SparkSession.builder().master("local[*]").appName("kldiv spark bench")
                .config("spark.ui.enabled", "false").getOrCreate();
        KldivFunctions.register(spark);
        Path parquet = dir.resolve("pairs-" + rows + "x" + k + ".parquet");
        if (!Files.exists(parquet)) {
            pairs(spark, rows, k).write().parquet(parquet.toString());
            writeNpy(dir, rows, k);
        }
        Dataset<Row> data = spark.read().parquet(parquet.toString());
        data.createOrReplaceTempView("pairs");
        List<String> table = new ArrayList<>();
        table.add("| path | rows | K | median s | rows/s | sum of KL |");
        table.add("|---|---:|---:|---:|---:|---:|");
        Map<String, Supplier<Double>> paths = new java.util.LinkedHashMap<>();
        paths.put("Parquet read only: `sum(size(p) + size(q))`",
                () -> spark.sql("SELECT sum(size(p) + size(q)) FROM pairs").first().getLong(0) * 0.0);
        paths.put("kldiv Dataset API: `KldivSpark.score(…, \"kl\")`",
                () -> KldivSpark.score(data, "p", "q", "kl", Map.of()).selectExpr("sum(kl)").first().getDouble(0));
        paths.put("kldiv SQL function: `sum(kl(p, q))`", () -> spark.sql("SELECT sum(kl(p, q)) FROM pairs").first().getDouble(0));
        paths.put("SQL expression: `sum(" + SQL_EXPRESSION + ")`",
                () -> spark.sql("SELECT sum(" + SQL_EXPRESSION + ") FROM pairs").first().getDouble(0));
        for (Map.Entry<String, Supplier<Double>> path : paths.entrySet()) {
            double result = path.getValue().get(); // warm-up: JIT, Parquet footers, page cache
            double[] seconds = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                result = path.getValue().get();
                seconds[r] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(seconds);
            double median = seconds[repeats / 2];
            String line = String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %,.0f | %.6g |", path.getKey(), rows, k,
                    median, rows / median, result);
            table.add(line);
            System.out.println(line);
        }
        Files.write(dir.resolve("spark-bench.md"), table);
        spark.stop();
    }

    /** Row {@code id}'s p (exponential weights, no zeros) and q (p perturbed by a few %), both float32 distributions. */
    static float[][] pair(long id, int k) {
        SplittableRandom random = new SplittableRandom(id * 0x9E3779B97F4A7C15L);
        double[] p = new double[k];
        double[] q = new double[k];
        double sp = 0;
        double sq = 0;
        for (int i = 0; i < k; i++) {
            p[i] = 1e-6 - Math.log(1.0 - random.nextDouble());
            q[i] = p[i] * Math.exp(0.05 * random.nextGaussian());
            sp += p[i];
            sq += q[i];
        }
        float[][] out = new float[2][k];
        for (int i = 0; i < k; i++) {
            out[0][i] = (float) (p[i] / sp);
            out[1][i] = (float) (q[i] / sq);
        }
        return out;
    }

    private static Dataset<Row> pairs(SparkSession spark, long rows, int k) {
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("p", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("q", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        MapFunction<Long, Row> row = id -> {
            float[][] pq = pair(id, k);
            return RowFactory.create(id, pq[0], pq[1]);
        };
        return spark.range(rows).as(Encoders.LONG()).map(row, Encoders.row(schema));
    }

    private static void writeNpy(Path dir, long rows, int k) throws Exception {
        try (NpyWriter p = NpyWriter.create(dir.resolve("p.npy"), Dtype.FLOAT32, rows, k);
             NpyWriter q = NpyWriter.create(dir.resolve("q.npy"), Dtype.FLOAT32, rows, k)) {
            for (long id = 0; id < rows; id++) {
                float[][] pq = pair(id, k);
                p.append(pq[0]);
                q.append(pq[1]);
            }
            p.finish();
            q.finish();
        }
    }
}
