package io.kldiv.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kldiv.InputForm;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.reference.Reference;
import io.kldiv.spark.example.KldivExampleJob;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleJobTest {

    @Test
    void theReadmesExampleJobWritesScoresThatMatchTheReferenceAndSummarizesEveryRow(@TempDir Path dir) {
        KldivSummary summary = KldivExampleJob.run(SparkTests.spark(), new String[] {dir.toString(), "3000", "64"});
        assertEquals(3000, summary.batch().rows());
        assertEquals(3000, summary.batch().measure(Measure.KL).count());
        List<Row> pairs = SparkTests.spark().read().parquet(dir.resolve("pairs.parquet").toString())
                .orderBy("id").limit(20).collectAsList();
        List<Row> scores = SparkTests.spark().read().parquet(dir.resolve("scores.parquet").toString())
                .orderBy("id").limit(20).collectAsList();
        ScoreOptions options = ScoreOptions.of(Measure.KL, Measure.REVERSE_KL, Measure.JS).withForms(InputForm.LOGITS);
        for (int i = 0; i < 20; i++) {
            double[] ref = Reference.score(options, floats(pairs.get(i).getList(1)), floats(pairs.get(i).getList(2)));
            for (int m = 0; m < 3; m++) {
                assertEquals(ref[m], scores.get(i).getDouble(1 + m), 1e-5 * (1 + ref[m]), "row " + i);
            }
            assertEquals("valid", scores.get(i).getString(4));
        }
    }

    private static float[] floats(List<Float> list) {
        float[] a = new float[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
