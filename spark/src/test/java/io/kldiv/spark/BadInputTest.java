package io.kldiv.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.InvalidReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Each kind of bad row under each policy, through the Dataset scorer and the SQL function alike. */
class BadInputTest {
    private static final Double[] GOOD = {0.5, 0.5};

    /** Rows: 0 good, 1 NaN in q, 2 null p, 3 null element in q, 4 lengths 2 and 3, 5 empty, 6 sum 0.9, 7 good. */
    private static Dataset<Row> badRows(int partitions) {
        List<Double[]> p = new ArrayList<>(Arrays.asList(GOOD, GOOD, null, GOOD, GOOD, new Double[0],
                new Double[] {0.5, 0.4}, GOOD));
        List<Double[]> q = new ArrayList<>(Arrays.asList(GOOD, new Double[] {0.5, Double.NaN}, GOOD,
                new Double[] {0.5, null}, new Double[] {0.2, 0.3, 0.5}, new Double[0], GOOD, GOOD));
        return SparkTests.rows(p, q, DataTypes.DoubleType, partitions);
    }

    private static final List<String> STATUSES = List.of("valid", "nan", "null_input", "null_element", "length_mismatch",
            "empty_row", "sum_not_one", "valid");

    @Test
    void underNanAndSkipBadRowsGetNullResultsAndAStatusThatSaysWhy() {
        for (String policy : List.of("nan", "skip")) {
            List<Row> scored = KldivSpark.score(badRows(3), "p", "q", "kl,js", Map.of("on_invalid", policy))
                    .orderBy("id").select("kl", "js", "kldiv_status").collectAsList();
            badRows(3).createOrReplaceTempView("bad");
            List<Row> sql = SparkTests.spark().sql("SELECT s.kl, s.js, s.status FROM (SELECT id, kldiv_score(p, q, 'kl,js',"
                    + " map('on_invalid', '" + policy + "')) s FROM bad) ORDER BY id").collectAsList();
            for (List<Row> rows : List.of(scored, sql)) {
                for (int i = 0; i < STATUSES.size(); i++) {
                    assertEquals(STATUSES.get(i), rows.get(i).getString(2), policy + " row " + i);
                    boolean valid = STATUSES.get(i).equals("valid");
                    assertEquals(valid, !rows.get(i).isNullAt(0), policy + " row " + i);
                    assertEquals(valid, !rows.get(i).isNullAt(1), policy + " row " + i);
                }
                assertEquals(0.0, rows.get(0).getDouble(0));
            }
        }
    }

    @Test
    void underErrorTheTaskFailsWithOneMessageNamingPartitionRowAndReason() {
        Map<String, Double[][]> badPairs = Map.of(
                "partition 1: row 1: q category 1: value is NaN", new Double[][] {GOOD, {0.5, Double.NaN}},
                "partition 1: row 1: q category 1: element is null", new Double[][] {GOOD, {0.5, null}},
                "partition 1: row 1: p and q rows have different lengths (p has 2 categories, q has 3)",
                new Double[][] {GOOD, {0.2, 0.3, 0.5}},
                "partition 1: row 1: row is empty", new Double[][] {{}, {}},
                "partition 1: row 1: p row: row does not sum to 1", new Double[][] {{0.5, 0.4}, GOOD});
        for (Map.Entry<String, Double[][]> c : badPairs.entrySet()) {
            // Four rows in two partitions: the bad one is the second row of partition 1.
            Dataset<Row> data = SparkTests.rows(Arrays.asList(GOOD, GOOD, GOOD, c.getValue()[0]),
                    Arrays.asList(GOOD, GOOD, GOOD, c.getValue()[1]), DataTypes.DoubleType, 2);
            data.createOrReplaceTempView("one_bad");
            Exception batched = assertThrows(Exception.class,
                    () -> KldivSpark.score(data, "p", "q", "kl", Map.of()).collect());
            Exception sql = assertThrows(Exception.class,
                    () -> SparkTests.spark().sql("SELECT kl(p, q) FROM one_bad").collect());
            assertTrue(batched.getMessage().contains(c.getKey()), batched.getMessage());
            assertTrue(sql.getMessage().contains(c.getKey()), sql.getMessage());
        }
    }

    @Test
    void aSummaryCountsInvalidRowsByReasonAndUnscorableRowsByProblemAndScoresTheRest() {
        KldivSummary s = KldivSpark.summarize(badRows(3), "p", "q", "kl", Map.of("on_invalid", "skip"));
        assertEquals(8, s.batch().rows());
        assertEquals(2, s.batch().measures().get(0).count());
        assertEquals(Map.of(InvalidReason.NAN, 1L, InvalidReason.LENGTH_MISMATCH, 1L, InvalidReason.SUM_NOT_ONE, 1L),
                s.batch().invalid());
        assertEquals(Map.of("null_input", 1L, "null_element", 1L, "empty_row", 1L), s.inputProblems());
        assertEquals(0.0, s.batch().measures().get(0).max()); // the two valid rows are p = q
        // One partition: with bad rows in several, which task fails first (and so which error Spark reports) is
        // a race between the tasks.
        Exception e = assertThrows(Exception.class, () -> KldivSpark.summarize(badRows(1), "p", "q", "kl", Map.of()));
        assertTrue(e.getMessage().contains("partition 0: row 1: q category 1: value is NaN"), e.getMessage());
    }

    @Test
    void aNullArrayIsNullInNullOutEvenUnderError() {
        Dataset<Row> data = badRows(1).filter("id = 2");
        Row r = KldivSpark.score(data, "p", "q", "kl", Map.of()).select("kl", "kldiv_status").first();
        assertNull(r.get(0));
        assertEquals("null_input", r.getString(1));
    }

    @Test
    void binaryRowsOfABadLengthAreReported() {
        Dataset<Row> data = SparkTests.rows(List.of(new byte[] {0, 0, (byte) 0x80, 0x3f, 1}),
                List.of(new byte[] {0, 0, (byte) 0x80, 0x3f, 1}), DataTypes.BinaryType, 1);
        Row r = KldivSpark.score(data, "p", "q", "kl", Map.of("on_invalid", "nan")).select("kl", "kldiv_status").first();
        assertNull(r.get(0));
        assertEquals("binary_length", r.getString(1));
        Row ok = KldivSpark.score(SparkTests.rows(List.of(new byte[] {0, 0, (byte) 0x80, 0x3f}),
                List.of(new byte[] {0, 0, (byte) 0x80, 0x3f}), DataTypes.BinaryType, 1), "p", "q", "kl", Map.of())
                .select("kl", "kldiv_status").first();
        assertEquals(0.0, ok.getDouble(0)); // one category of 1.0f (0x3f800000): KL of a row with itself
        assertEquals("valid", ok.getString(1));
    }
}
