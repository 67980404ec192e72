package io.kldiv.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kldiv.InputForm;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.batch.BatchResult;
import io.kldiv.reference.Reference;
import io.kldiv.testing.RandomRows;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class KldivFunctionsTest {
    private static final String[] FUNCTIONS = {"kl", "reverse_kl", "jeffreys", "js", "js_distance", "cross_entropy"};
    private static final Measure[] MEASURES = {Measure.KL, Measure.REVERSE_KL, Measure.JEFFREYS, Measure.JS,
            Measure.JS_DISTANCE, Measure.CROSS_ENTROPY};

    @Test
    void handDerivedValuesInNatsAndBits() {
        // KL([1, 0] ‖ [1/2, 1/2]) = ln 2; JS of disjoint rows = ln 2 = 1 bit; cross-entropy = ln 2; entropy of p = 0.
        List<double[]> p = List.of(new double[] {1, 0}, new double[] {1, 0});
        List<double[]> q = List.of(new double[] {0.5, 0.5}, new double[] {0, 1});
        SparkTests.rows(p, q, DataTypes.DoubleType, 1).createOrReplaceTempView("hand");
        List<Row> r = SparkTests.spark().sql("SELECT kl(p, q), js(p, q, map('base', 'bits')), cross_entropy(p, q),"
                + " entropy(q), reverse_kl(p, q) FROM hand ORDER BY id").collectAsList();
        assertEquals(Math.log(2), r.get(0).getDouble(0), 1e-15);
        assertEquals(Math.log(2), r.get(0).getDouble(2), 1e-15);
        assertEquals(Math.log(2), r.get(0).getDouble(3), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, r.get(0).getDouble(4));
        assertEquals(1.0, r.get(1).getDouble(1), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, r.get(1).getDouble(0));
    }

    @Test
    void everyFunctionIsTheCliBitForBitAndTheReferenceWithinItsBoundOnFloatArraysAndBinary() {
        RandomRows random = new RandomRows(11);
        List<float[]> p = new ArrayList<>();
        List<float[]> q = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            p.add(random.probabilitiesFloat(37, 0.1));
            q.add(random.probabilitiesFloat(37, 0.0));
        }
        ScoreOptions all = ScoreOptions.of(MEASURES);
        StringBuilder select = new StringBuilder("SELECT ");
        for (String f : FUNCTIONS) {
            select.append(f).append("(p, q), ");
        }
        select.append("entropy(p) FROM t ORDER BY id");
        SparkTests.rows(p, q, DataTypes.FloatType, 3).createOrReplaceTempView("t");
        List<Row> arrays = SparkTests.spark().sql(select.toString()).collectAsList();
        SparkTests.rows(bytes(p), bytes(q), DataTypes.BinaryType, 3).createOrReplaceTempView("t");
        List<Row> binary = SparkTests.spark().sql(select.toString()).collectAsList();
        try (BatchResult cli = SparkTests.cliScore(p, q, all)) {
            for (int i = 0; i < p.size(); i++) {
                double[] ref = Reference.score(all, p.get(i), q.get(i));
                double entropy = Reference.score(ScoreOptions.of(Measure.ENTROPY_P), p.get(i), p.get(i))[0];
                for (int m = 0; m < MEASURES.length; m++) {
                    assertEquals(cli.columns().get(m, i), arrays.get(i).getDouble(m), 0.0, FUNCTIONS[m] + " row " + i);
                    assertEquals(cli.columns().get(m, i), binary.get(i).getDouble(m), 0.0, FUNCTIONS[m] + " row " + i);
                    // Loose on purpose: float32 kernels answer to S-relative bounds; the CLI check above is exact.
                    assertEquals(ref[m], arrays.get(i).getDouble(m), 1e-5 * (1 + Math.abs(ref[m])), FUNCTIONS[m]);
                }
                assertEquals(entropy, arrays.get(i).getDouble(MEASURES.length), 1e-5 * (1 + entropy));
            }
        }
    }

    @Test
    void kldivScoreReturnsTheRequestedMeasuresAndStatusWithLogitsTemperatureAndBase() {
        RandomRows random = new RandomRows(5);
        List<double[]> p = new ArrayList<>();
        List<double[]> q = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            p.add(random.logits(9, 4, 0.1));
            q.add(random.logits(9, 4, 0.0));
        }
        p.add(new double[] {Double.NaN, 1, 2});
        q.add(new double[] {0, 1, 2});
        SparkTests.rows(p, q, DataTypes.DoubleType, 2).createOrReplaceTempView("logits");
        List<Row> r = SparkTests.spark().sql("SELECT s.kl, s.js, s.status FROM (SELECT id, kldiv_score(p, q, 'kl,js',"
                + " map('input', 'logits', 'temperature', '2', 'base', '2', 'on_invalid', 'nan')) AS s FROM logits)"
                + " ORDER BY id").collectAsList();
        ScoreOptions options = ScoreOptions.of(Measure.KL, Measure.JS).withForms(InputForm.logits(2.0))
                .withBase(LogBase.BITS);
        for (int i = 0; i < 50; i++) {
            double[] ref = Reference.score(options, p.get(i), q.get(i));
            assertEquals(ref[0], r.get(i).getDouble(0), 1e-9 * (1 + ref[0]));
            assertEquals(ref[1], r.get(i).getDouble(1), 1e-9 * (1 + ref[1]));
            assertEquals("valid", r.get(i).getString(2));
        }
        assertNull(r.get(50).get(0));
        assertEquals("nan", r.get(50).getString(2));
    }

    static List<byte[]> bytes(List<float[]> rows) {
        List<byte[]> out = new ArrayList<>();
        for (float[] row : rows) {
            ByteBuffer b = ByteBuffer.allocate(row.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(row);
            out.add(b.array());
        }
        return out;
    }
}
