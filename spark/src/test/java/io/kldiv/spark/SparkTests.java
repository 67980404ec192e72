package io.kldiv.spark;

import io.kldiv.Dtype;
import io.kldiv.ScoreOptions;
import io.kldiv.batch.BatchResult;
import io.kldiv.batch.BatchScorer;
import io.kldiv.batch.ProgressListener;
import io.kldiv.kernel.Kernels;
import io.kldiv.kernel.PairRows;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One local[2] session for the whole suite, and the CLI's scorer to compare with. */
final class SparkTests {
    private static SparkSession spark;

    private SparkTests() {
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("kldiv-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            KldivFunctions.register(spark);
        }
        return spark;
    }

    /** Rows (id, p, q) of the given element type, cut in order into {@code partitions} partitions. */
    static Dataset<Row> rows(List<?> p, List<?> q, DataType element, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            rows.add(RowFactory.create((long) i, p.get(i), q.get(i)));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("p", element == DataTypes.BinaryType ? element : DataTypes.createArrayType(element, true), true)
                .add("q", element == DataTypes.BinaryType ? element : DataTypes.createArrayType(element, true), true);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
        return spark().createDataFrame(jsc.parallelize(rows, partitions), schema);
    }

    /** What `kldiv score` computes for the same float32 rows (one K): BatchScorer with the kernel the CLI picks. */
    static BatchResult cliScore(List<float[]> p, List<float[]> q, ScoreOptions options) {
        int k = p.get(0).length;
        float[] pa = new float[p.size() * k];
        float[] qa = new float[q.size() * k];
        for (int i = 0; i < p.size(); i++) {
            System.arraycopy(p.get(i), 0, pa, i * k, k);
            System.arraycopy(q.get(i), 0, qa, i * k, k);
        }
        PairRows in = PairRows.contiguous(MemorySegment.ofArray(pa), MemorySegment.ofArray(qa), Dtype.FLOAT32, k, p.size());
        return new BatchScorer(Kernels.best().kernel(), 1, 0, ProgressListener.NONE).score(in, options);
    }

    /** The same for float64 rows. */
    static BatchResult cliScoreDoubles(List<double[]> p, List<double[]> q, ScoreOptions options) {
        int k = p.get(0).length;
        double[] pa = new double[p.size() * k];
        double[] qa = new double[q.size() * k];
        for (int i = 0; i < p.size(); i++) {
            System.arraycopy(p.get(i), 0, pa, i * k, k);
            System.arraycopy(q.get(i), 0, qa, i * k, k);
        }
        PairRows in = PairRows.contiguous(MemorySegment.ofArray(pa), MemorySegment.ofArray(qa), Dtype.FLOAT64, k, p.size());
        return new BatchScorer(Kernels.best().kernel(), 1, 0, ProgressListener.NONE).score(in, options);
    }
}
