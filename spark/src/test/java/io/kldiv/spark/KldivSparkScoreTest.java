package io.kldiv.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kldiv.InputForm;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.batch.BatchResult;
import io.kldiv.testing.RandomRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class KldivSparkScoreTest {

    @Test
    void appendedColumnsAreTheCliBitForBitAcrossBlocksAndPartitions() {
        // 9000 rows of K = 3: more than one 4096-row block per partition, so blocks and partitions both cut the rows.
        RandomRows random = new RandomRows(3);
        List<float[]> p = new ArrayList<>();
        List<float[]> q = new ArrayList<>();
        for (int i = 0; i < 9000; i++) {
            p.add(random.probabilitiesFloat(3, 0.2));
            q.add(random.probabilitiesFloat(3, 0.1));
        }
        Dataset<Row> scored = KldivSpark.score(SparkTests.rows(p, q, DataTypes.FloatType, 2), "p", "q",
                "kl,reverse_kl,js_distance", Map.of());
        assertEquals(List.of("id", "p", "q", "kl", "reverse_kl", "js_distance", "kldiv_status"), List.of(scored.columns()));
        List<Row> rows = scored.orderBy("id").select("id", "kl", "reverse_kl", "js_distance", "kldiv_status").collectAsList();
        ScoreOptions options = ScoreOptions.of(Measure.KL, Measure.REVERSE_KL, Measure.JS_DISTANCE);
        try (BatchResult cli = SparkTests.cliScore(p, q, options)) {
            for (int i = 0; i < p.size(); i++) {
                assertEquals(i, rows.get(i).getLong(0));
                for (int m = 0; m < 3; m++) {
                    assertEquals(cli.columns().get(m, i), rows.get(i).getDouble(1 + m), 0.0, "row " + i + " measure " + m);
                }
                assertEquals("valid", rows.get(i).getString(4));
            }
        }
    }

    @Test
    void float64LogitsWithTemperatureAndBaseAreTheCliBitForBitThroughBothApis() {
        RandomRows random = new RandomRows(13);
        List<double[]> p = new ArrayList<>();
        List<double[]> q = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            p.add(random.logits(16, 5, 0.1));
            q.add(random.logits(16, 5, 0.0));
        }
        Map<String, String> options = Map.of("p_input", "logits", "q_input", "logits", "temperature", "2", "base", "2");
        Dataset<Row> data = SparkTests.rows(p, q, DataTypes.DoubleType, 2);
        List<Row> batched = KldivSpark.score(data, "p", "q", "kl,js,cross_entropy", options).orderBy("id")
                .select("kl", "js", "cross_entropy").collectAsList();
        List<Row> sql = data.select(data.col("id"), KldivFunctions.kldivScore(data.col("p"), data.col("q"),
                "kl,js,cross_entropy", options).as("s")).orderBy("id").select("s.kl", "s.js", "s.cross_entropy")
                .collectAsList();
        ScoreOptions cliOptions = ScoreOptions.of(Measure.KL, Measure.JS, Measure.CROSS_ENTROPY)
                .withForms(InputForm.logits(2.0)).withBase(LogBase.BITS);
        try (BatchResult cli = SparkTests.cliScoreDoubles(p, q, cliOptions)) {
            for (int i = 0; i < p.size(); i++) {
                for (int m = 0; m < 3; m++) {
                    assertEquals(cli.columns().get(m, i), batched.get(i).getDouble(m), 0.0, "row " + i);
                    assertEquals(cli.columns().get(m, i), sql.get(i).getDouble(m), 0.0, "row " + i);
                }
            }
        }
    }

    @Test
    void rowsOfDifferentKInOnePartitionAreEachScoredAsTheSqlFunctionScoresThem() {
        RandomRows random = new RandomRows(8);
        List<double[]> p = new ArrayList<>();
        List<double[]> q = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int k = 1 + (i / 7) % 40;
            p.add(random.probabilities(k, 0.1));
            q.add(random.probabilities(k, 0.0));
        }
        Dataset<Row> data = SparkTests.rows(p, q, DataTypes.DoubleType, 1);
        data.createOrReplaceTempView("mixed_k");
        List<Row> sql = SparkTests.spark().sql("SELECT jeffreys(p, q) FROM mixed_k ORDER BY id").collectAsList();
        List<Row> batched = KldivSpark.score(data, "p", "q", "jeffreys", Map.of()).orderBy("id").select("jeffreys")
                .collectAsList();
        for (int i = 0; i < p.size(); i++) {
            assertEquals(sql.get(i).getDouble(0), batched.get(i).getDouble(0), 0.0, "row " + i);
        }
    }

    @Test
    void aResultColumnNameInUseAndMixedElementTypesAreRefusedOnTheDriver() {
        Dataset<Row> data = SparkTests.rows(List.of(new double[] {1}), List.of(new double[] {1}), DataTypes.DoubleType, 1);
        assertThrows(IllegalArgumentException.class,
                () -> KldivSpark.score(data.withColumnRenamed("id", "kl"), "p", "q", "kl", Map.of()));
        Dataset<Row> mixed = data.withColumn("q", data.col("q").cast("array<float>"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KldivSpark.score(mixed, "p", "q", "kl", Map.of()));
        assertEquals("kldiv: p is float64 and q is float32; cast both to the same element type", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KldivSpark.score(data, "p", "q", "kl", Map.of("bse", "2")));
    }
}
