package io.kldiv.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.InvalidPolicy;
import io.kldiv.InvalidReason;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.batch.BatchResult;
import io.kldiv.batch.BatchSummary;
import io.kldiv.batch.MeasureSummary;
import io.kldiv.batch.Percentile;
import io.kldiv.testing.RandomRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KldivSummaryTest {
    private static final int ROWS = 20_000; // about five 4096-row summary chunks, cut by partition edges
    private static final List<float[]> P = new ArrayList<>();
    private static final List<float[]> Q = new ArrayList<>();
    private static final Map<String, String> NAN = Map.of("on_invalid", "nan");

    @BeforeAll
    static void rows() {
        RandomRows random = new RandomRows(21);
        for (int i = 0; i < ROWS; i++) {
            P.add(random.probabilitiesFloat(8, 0.1));
            float[] q = random.probabilitiesFloat(8, 0.0);
            for (int c = 0; c < q.length; c++) {
                q[c] = Math.max(q[c], 1e-6f); // no q = 0 (its subnormals round to 0 in float32): a finite mean
            }
            Q.add(q);
        }
        P.get(17)[2] = Float.NaN; // two invalid rows, counted by reason and left out of the statistics
        P.get(9000)[0] += 0.5f;
    }

    @Test
    void oneAndSevenPartitionsGiveTheSameSummaryBitForBit() {
        KldivSummary one = KldivSpark.summarize(SparkTests.rows(P, Q, DataTypes.FloatType, 1), "p", "q", "kl,js", NAN);
        KldivSummary seven = KldivSpark.summarize(SparkTests.rows(P, Q, DataTypes.FloatType, 7), "p", "q", "kl,js", NAN);
        assertEquals(1, one.batch().threads());
        assertEquals(7, seven.batch().threads());
        for (int m = 0; m < 2; m++) {
            MeasureSummary a = one.batch().measures().get(m);
            MeasureSummary b = seven.batch().measures().get(m);
            assertEquals(Double.doubleToRawLongBits(a.mean()), Double.doubleToRawLongBits(b.mean()));
            assertEquals(Double.doubleToRawLongBits(a.stderr()), Double.doubleToRawLongBits(b.stderr()));
            assertEquals(a, b);
        }
        assertEquals(one.batch().top1(), seven.batch().top1());
    }

    @Test
    void theSummaryIsTheClisOnTheSameRows() {
        KldivSummary spark = KldivSpark.summarize(SparkTests.rows(P, Q, DataTypes.FloatType, 3), "p", "q", "kl,js", NAN);
        ScoreOptions options = ScoreOptions.of(Measure.KL, Measure.JS).withOnInvalid(InvalidPolicy.NAN);
        try (BatchResult cli = SparkTests.cliScore(P, Q, options)) {
            BatchSummary expected = cli.summary();
            BatchSummary got = spark.batch();
            assertEquals(ROWS, got.rows());
            assertEquals(8, got.k());
            assertEquals(Map.of(InvalidReason.NAN, 1L, InvalidReason.SUM_NOT_ONE, 1L), got.invalid());
            assertEquals(expected.invalid(), got.invalid());
            assertEquals(expected.top1(), got.top1());
            assertTrue(spark.exactPercentiles());
            for (int m = 0; m < 2; m++) {
                MeasureSummary e = expected.measures().get(m);
                MeasureSummary g = got.measures().get(m);
                assertEquals(e.count(), g.count());
                assertEquals(e.min(), g.min());
                assertEquals(e.max(), g.max());
                assertEquals(e.infCount(), g.infCount());
                assertEquals(e.percentiles(), g.percentiles()); // exact order statistics: the same values
                // The CLI's chunks are 4 MiB of rows, Spark's 4096 rows: the merge order differs in the last bits only.
                assertEquals(e.mean(), g.mean(), 1e-12 * e.mean());
                assertEquals(e.stderr(), g.stderr(), 1e-9 * e.stderr());
            }
        }
    }

    @Test
    void aboveTheThresholdPercentilesComeFromASketchWithinItsStatedRankError() {
        KldivSummary sketched = KldivSpark.summarize(SparkTests.rows(P, Q, DataTypes.FloatType, 4), "p", "q", "kl",
                Map.of("on_invalid", "nan", "exact_percentiles_up_to", "0"));
        assertTrue(!sketched.exactPercentiles() && sketched.percentileRankError() > 0
                && sketched.percentileRankError() < 0.01, "rank error " + sketched.percentileRankError());
        try (BatchResult cli = SparkTests.cliScore(P, Q, ScoreOptions.of(Measure.KL).withOnInvalid(InvalidPolicy.NAN))) {
            double[] sorted = new double[ROWS];
            int n = 0;
            for (int r = 0; r < ROWS; r++) {
                if (cli.columns().status(r) == 0) {
                    sorted[n++] = cli.columns().get(0, r);
                }
            }
            sorted = Arrays.copyOf(sorted, n);
            Arrays.sort(sorted);
            for (Percentile p : Percentile.values()) {
                double v = sketched.batch().measures().get(0).percentile(p);
                // The ranks the value spans among the exact results, against the asked rank (n − 1)·f.
                long below = Arrays.stream(sorted).filter(x -> x < v).count();
                long upTo = Arrays.stream(sorted).filter(x -> x <= v).count();
                double asked = (n - 1) * p.fraction();
                double slack = sketched.percentileRankError() * n + 1;
                assertTrue(asked >= below - slack && asked <= upTo + slack,
                        p + ": value " + v + " spans ranks " + below + ".." + upTo + ", asked " + asked);
            }
        }
    }
}
