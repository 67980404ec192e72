package io.kldiv.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kldiv.Dtype;
import io.kldiv.batch.RankAgreement;
import io.kldiv.kernel.PairRows;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector top-1 scan against the rule it must follow: the first index of the largest value, NaN never larger. */
class VectorArgmaxTest {
    private static final int[] KS = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 64, 100, 1000, 1027};

    @Test
    void findsTheFirstLargestValueOfAnyRow() {
        SplittableRandom random = new SplittableRandom(11);
        VectorArgmax argmax = new VectorArgmax();
        for (int k : KS) {
            for (int trial = 0; trial < 300; trial++) {
                float[] row = row(random, k, trial % 6);
                // An unaligned start, one float past a 64-byte boundary, like a .npy file's data after its header.
                MemorySegment segment = MemorySegment.ofArray(new float[k + 1]).asSlice(Float.BYTES);
                MemorySegment.copy(row, 0, segment, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, k);
                assertEquals(expected(row), argmax.of(segment, 0, k), () -> "k = " + k + ": " + java.util.Arrays.toString(row));
            }
        }
    }

    @Test
    void rankAgreementGivesTheSameAnswersWithTheVectorScan() {
        SplittableRandom random = new SplittableRandom(12);
        int k = 37;
        int rows = 500;
        float[] p = new float[rows * k];
        float[] q = new float[rows * k];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row(random, k, r % 6), 0, p, r * k, k);
            System.arraycopy(r % 3 == 0 ? row(random, k, r % 6) : java.util.Arrays.copyOfRange(p, r * k, r * k + k), 0, q, r * k, k);
        }
        PairRows in = PairRows.contiguous(MemorySegment.ofArray(p), MemorySegment.ofArray(q), Dtype.FLOAT32, k, rows);
        RankAgreement scalar = new RankAgreement(in, 0);
        RankAgreement vector = new RankAgreement(in, 0, new VectorArgmax());
        int agreeing = 0;
        for (long r = 0; r < rows; r++) {
            assertEquals(scalar.argmaxAgrees(r), vector.argmaxAgrees(r), "row " + r);
            agreeing += scalar.argmaxAgrees(r) ? 1 : 0;
        }
        assertEquals(true, agreeing > rows / 2 && agreeing < rows, "both outcomes occur: " + agreeing);
    }

    /** Kinds of rows: random, few distinct values (ties), signed zeros, NaNs, infinities, all equal. */
    private static float[] row(SplittableRandom random, int k, int kind) {
        float[] row = new float[k];
        for (int i = 0; i < k; i++) {
            row[i] = switch (kind) {
                case 0 -> (float) random.nextGaussian();
                case 1 -> random.nextInt(4);
                case 2 -> random.nextBoolean() ? -0.0f : 0.0f;
                case 3 -> random.nextInt(10) == 0 ? Float.NaN : (float) random.nextGaussian();
                case 4 -> random.nextInt(8) == 0 ? (random.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY)
                        : (float) random.nextGaussian();
                default -> 0.25f;
            };
        }
        if (kind == 3 && random.nextBoolean()) {
            row[0] = Float.NaN;
        }
        return row;
    }

    private static int expected(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
