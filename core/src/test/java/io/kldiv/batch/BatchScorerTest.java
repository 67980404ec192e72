package io.kldiv.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import io.kldiv.InvalidPolicy;
import io.kldiv.InvalidReason;
import io.kldiv.InvalidRowException;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.Kernels;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.reference.Reference;
import io.kldiv.testing.RandomRows;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchScorerTest {
    private static final int K = 12;
    private static final int N = 3000;
    private static final ScoreOptions OPTIONS = ScoreOptions.of(Measure.KL, Measure.JS, Measure.REVERSE_KL);
    /** Small chunks (10 rows of K = 12 float64 pairs) so that a few thousand rows make hundreds of chunks. */
    private static final long NEVER = Long.MAX_VALUE;
    private static final long ALWAYS = 0;
    private static final long SMALL_CHUNK = 2L * K * Double.BYTES * 10;

    private final double[][] p = new double[N][];
    private final double[][] q = new double[N][];

    BatchScorerTest() {
        RandomRows rows = new RandomRows(11);
        for (int r = 0; r < N; r++) {
            p[r] = rows.probabilities(K, 0.1);
            // One row in ten has zeros in q, where p is likely positive: KL is +inf there.
            q[r] = rows.probabilities(K, r % 10 == 0 ? 0.3 : 0.0);
        }
    }

    private PairRows input() {
        double[] flatP = new double[N * K];
        double[] flatQ = new double[N * K];
        for (int r = 0; r < N; r++) {
            System.arraycopy(p[r], 0, flatP, r * K, K);
            System.arraycopy(q[r], 0, flatQ, r * K, K);
        }
        return PairRows.contiguous(MemorySegment.ofArray(flatP), MemorySegment.ofArray(flatQ), Dtype.FLOAT64, K, N);
    }

    private BatchResult run(int threads, int topK, ScoreOptions options) {
        return new BatchScorer(Kernels.scalar(), threads, topK, ProgressListener.NONE, SMALL_CHUNK, NEVER).score(input(), options);
    }

    @Test
    void summaryMatchesStatisticsComputedFromTheReference() {
        try (BatchResult result = run(2, 3, OPTIONS)) {
            BatchSummary s = result.summary();
            assertEquals(N, s.rows());
            assertEquals(N, s.validRows());
            for (int m = 0; m < OPTIONS.measures().size(); m++) {
                double[] expected = new double[N];
                for (int r = 0; r < N; r++) {
                    expected[r] = Reference.score(OPTIONS, p[r], q[r])[m];
                    assertEquals(expected[r], result.columns().get(m, r), 1e-12 * (1 + Math.abs(expected[r])));
                }
                MeasureSummary ms = s.measures().get(m);
                long inf = Arrays.stream(expected).filter(v -> v == Double.POSITIVE_INFINITY).count();
                assertEquals(inf, ms.infCount(), OPTIONS.measures().get(m).id());
                assertEquals(N, ms.count());
                double[] finite = Arrays.stream(expected).filter(Double::isFinite).toArray();
                double mean = Arrays.stream(finite).average().orElseThrow();
                if (inf > 0) {
                    assertEquals(Double.POSITIVE_INFINITY, ms.mean());
                } else {
                    assertEquals(mean, ms.mean(), 1e-12 * Math.abs(mean));
                    double var = Arrays.stream(finite).map(v -> (v - mean) * (v - mean)).sum() / (finite.length - 1);
                    assertEquals(Math.sqrt(var / finite.length), ms.stderr(), 1e-9 * ms.stderr());
                }
                double[] sorted = expected.clone();
                Arrays.sort(sorted);
                assertEquals(sorted[0], ms.min(), 1e-12);
                assertEquals(sorted[N - 1], ms.max());
                for (Percentile pc : Percentile.values()) {
                    double want = numpyPercentile(sorted, pc.fraction());
                    double got = ms.percentile(pc);
                    if (Double.isInfinite(want)) {
                        assertEquals(want, got, pc.key());
                    } else {
                        assertEquals(want, got, 1e-12 * (1 + Math.abs(want)), pc.key());
                    }
                }
            }
            assertEquals(top1Rate(), s.top1().rate(), 1e-15);
            assertEquals(topKOverlap(3), s.topK().rate(), 1e-12);
            assertEquals(3, s.topK().k());
        }
    }

    /**
     * The scalar kernel finds a float32 row's top-1 category while it reads the row, for the batch scorer to count;
     * rows with ties at the largest value (the first one counts), rows the kernel flags and rows with −0.0 (valid,
     * settled by the reference) must all count as the batch scorer's own scan would.
     */
    @Test
    void top1AgreementOfFloat32Rows() {
        float[] flatP = new float[N * K];
        float[] flatQ = new float[N * K];
        double[][] pf = new double[N][K];
        double[][] qf = new double[N][K];
        for (int r = 0; r < N; r++) {
            for (int i = 0; i < K; i++) {
                flatP[r * K + i] = (float) p[r][i];
                flatQ[r * K + i] = (float) q[r][i];
            }
            if (r % 7 == 1) { // ties at the top: p's first largest is at 1, q's at 1 or 3
                tiedTop(flatP, r, 1, 4);
                tiedTop(flatQ, r, r % 2 == 0 ? 1 : 3, 4);
            }
            if (r % 11 == 2) { // valid: its mass moves to the next category
                flatQ[r * K + 6] += flatQ[r * K + 5];
                flatQ[r * K + 5] = -0.0f;
            }
            if (r % 13 == 3) {
                flatP[r * K] = Float.NaN; // invalid, and never counted
            }
            for (int i = 0; i < K; i++) {
                pf[r][i] = flatP[r * K + i];
                qf[r][i] = flatQ[r * K + i];
            }
        }
        PairRows in = PairRows.contiguous(MemorySegment.ofArray(flatP), MemorySegment.ofArray(flatQ), Dtype.FLOAT32, K, N);
        ScoreOptions skipInvalid = ScoreOptions.of(Measure.KL).withOnInvalid(InvalidPolicy.SKIP);
        try (BatchResult result = new BatchScorer(Kernels.scalar(), 2, 0, ProgressListener.NONE, SMALL_CHUNK, NEVER).score(in, skipInvalid)) {
            long valid = IntStream.range(0, N).filter(r -> r % 13 != 3).count();
            long agree = IntStream.range(0, N).filter(r -> r % 13 != 3 && argmax(pf[r]) == argmax(qf[r])).count();
            assertTrue(agree > N / 20, "ties at the top agree in about one row in fourteen: " + agree);
            assertEquals((double) agree / valid, result.summary().top1().rate(), 1e-15);
        }
    }

    /** Row r as a float32 distribution whose largest value sits at both {@code first} and {@code second}. */
    private static void tiedTop(float[] flat, int r, int first, int second) {
        for (int i = 0; i < K; i++) {
            flat[r * K + i] = i == first || i == second ? 0.25f : 0.5f / (K - 2);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 16})
    void resultsAndSummariesAreIdenticalForAnyThreadCount(int threads) {
        try (BatchResult one = run(1, 5, OPTIONS); BatchResult many = run(threads, 5, OPTIONS)) {
            assertIdentical(one, many);
            assertEquals(Math.min(threads, Runtime.getRuntime().availableProcessors()), many.summary().threads());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 16})
    void warmingUpTheKernelChangesNoResult(int threads) {
        BatchScorer cold = new BatchScorer(slowToCompile(Kernels.scalar()), threads, 5, ProgressListener.NONE, SMALL_CHUNK, NEVER);
        BatchScorer warm = new BatchScorer(slowToCompile(Kernels.scalar()), threads, 5, ProgressListener.NONE, SMALL_CHUNK, ALWAYS);
        try (BatchResult a = cold.score(input(), OPTIONS); BatchResult b = warm.score(input(), OPTIONS)) {
            assertIdentical(a, b);
            assertEquals(0, a.summary().warmupSeconds());
            assertTrue(b.summary().warmupSeconds() > 0);
        }
    }

    @Test
    void aKernelThatCompilesQuicklyIsNotWarmedUp() {
        BatchScorer scorer = new BatchScorer(Kernels.scalar(), 1, 0, ProgressListener.NONE, SMALL_CHUNK, ALWAYS);
        try (BatchResult result = scorer.score(input(), OPTIONS)) {
            assertEquals(0, result.summary().warmupSeconds());
        }
    }

    /** A kernel that scores as {@code kernel} does but asks for a warm-up, as the vector kernels do. */
    private static Kernel slowToCompile(Kernel kernel) {
        return new Kernel() {
            @Override
            public String name() {
                return kernel.name();
            }

            @Override
            public void score(PairRows in, ScoreOptions options, long fromRow, long toRow, ResultColumns out) {
                kernel.score(in, options, fromRow, toRow, out);
            }

            @Override
            public boolean slowToCompile() {
                return true;
            }
        };
    }

    /** Every result and status bit, and every statistic of the summary. */
    private static void assertIdentical(BatchResult a, BatchResult b) {
        for (int m = 0; m < OPTIONS.measures().size(); m++) {
            assertEquals(-1, a.columns().columns().get(m).mismatch(b.columns().columns().get(m)), "column " + m);
        }
        assertEquals(-1, a.columns().status().mismatch(b.columns().status()));
        assertEquals(a.summary().measures(), b.summary().measures());
        assertEquals(a.summary().top1(), b.summary().top1());
        assertEquals(a.summary().topK(), b.summary().topK());
        assertEquals(a.summary().invalid(), b.summary().invalid());
    }

    @Test
    void invalidRowsUnderErrorStopTheJobAtTheFirstBadRow() {
        p[2500][4] = Double.NaN;
        p[1700][2] = -1.0;
        var e = assertThrows(InvalidRowException.class, () -> run(2, 0, OPTIONS));
        assertEquals(1700, e.row());
        assertEquals(InvalidReason.NEGATIVE, e.reason());
        assertEquals(2, e.category());
    }

    @Test
    void invalidRowsUnderNanAreCountedByReasonAndLeftOutOfStatistics() {
        p[2500][4] = Double.NaN;
        p[1700][2] = -1.0;
        q[5][0] += 0.5;
        try (BatchResult result = run(2, 0, OPTIONS.withOnInvalid(InvalidPolicy.NAN))) {
            BatchSummary s = result.summary();
            assertEquals(1L, s.invalid().get(InvalidReason.NAN));
            assertEquals(1L, s.invalid().get(InvalidReason.NEGATIVE));
            assertEquals(1L, s.invalid().get(InvalidReason.SUM_NOT_ONE));
            assertEquals(N - 3, s.validRows());
            assertEquals(N - 3, s.measures().get(1).count());
            assertTrue(Double.isNaN(result.columns().get(0, 1700)));
            assertTrue(Double.isFinite(s.measures().get(1).mean()));
        }
    }

    /**
     * A source whose workers copy each chunk into scratch rows of their own, as a decoding source does: from the
     * second scratch row on (from the first for chunk 0, as a chunk's rows may not start after its source index), so
     * that most chunks' first rows sit at neither 0 nor their source index.
     */
    private RowSource copiedChunks() {
        PairRows in = input();
        return new RowSource() {
            @Override
            public long rows() {
                return in.rows();
            }

            @Override
            public int k() {
                return in.k();
            }

            @Override
            public Dtype dtype() {
                return in.dtype();
            }

            @Override
            public long bytesScanned() {
                return in.bytesScanned();
            }

            @Override
            public Reader reader(long maxRows) {
                PairRows scratch = PairRows.contiguous(MemorySegment.ofArray(new double[(int) (maxRows + 1) * K]),
                        MemorySegment.ofArray(new double[(int) (maxRows + 1) * K]), Dtype.FLOAT64, K, maxRows + 1);
                return new Reader() {
                    @Override
                    public PairRows rows() {
                        return scratch;
                    }

                    @Override
                    public long load(long from, long to) {
                        long first = Math.min(1, from);
                        long bytes = (to - from) * K * Double.BYTES;
                        scratch.p().asSlice(scratch.rowOffset(first), bytes).copyFrom(in.p().asSlice(in.rowOffset(from), bytes));
                        scratch.q().asSlice(scratch.rowOffset(first), bytes).copyFrom(in.q().asSlice(in.rowOffset(from), bytes));
                        return first;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void chunksDecodedIntoScratchScoreAsTheRowsInPlace(int threads) {
        BatchScorer scorer = new BatchScorer(Kernels.scalar(), threads, 3, ProgressListener.NONE, SMALL_CHUNK, NEVER);
        try (BatchResult inPlace = scorer.score(input(), OPTIONS); BatchResult copied = scorer.score(copiedChunks(), OPTIONS)) {
            assertIdentical(inPlace, copied);
            assertEquals(top1Rate(), copied.summary().top1().rate(), 1e-15);
        }
    }

    @Test
    void anInvalidRowOfADecodedChunkIsReportedAtItsSourceIndex() {
        p[1234][5] = Double.NaN;
        BatchScorer scorer = new BatchScorer(Kernels.scalar(), 2, 0, ProgressListener.NONE, SMALL_CHUNK, NEVER);
        var e = assertThrows(InvalidRowException.class, () -> scorer.score(copiedChunks(), OPTIONS));
        assertEquals(1234, e.row());
        assertEquals(5, e.category());
        try (BatchResult result = scorer.score(copiedChunks(), OPTIONS.withOnInvalid(InvalidPolicy.NAN))) {
            assertTrue(Double.isNaN(result.columns().get(0, 1234)));
            assertTrue(Double.isFinite(result.columns().get(0, 1233)) && Double.isFinite(result.columns().get(0, 1235)));
        }
    }

    @Test
    void progressReachesTheTotal() {
        AtomicLong last = new AtomicLong();
        new BatchScorer(Kernels.scalar(), 3, 0, (done, total) -> last.accumulateAndGet(done, Math::max), SMALL_CHUNK, NEVER)
                .score(input(), OPTIONS).close();
        assertEquals(N, last.get());
    }

    private double top1Rate() {
        long agree = IntStream.range(0, N).filter(r -> argmax(p[r]) == argmax(q[r])).count();
        return (double) agree / N;
    }

    private double topKOverlap(int k) {
        double sum = 0;
        for (int r = 0; r < N; r++) {
            Set<Integer> a = top(p[r], k);
            a.retainAll(top(q[r], k));
            sum += (double) a.size() / k;
        }
        return sum / N;
    }

    private static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Indices of the k largest values, ties to the lower index. */
    private static Set<Integer> top(double[] x, int k) {
        Integer[] idx = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> -x[i]).thenComparingInt(i -> i));
        return new HashSet<>(Arrays.asList(idx).subList(0, k));
    }

    /** NumPy's default (linear) percentile of sorted values. */
    private static double numpyPercentile(double[] sorted, double f) {
        double h = (sorted.length - 1) * f;
        int lo = (int) Math.floor(h);
        int hi = (int) Math.ceil(h);
        if (lo == hi || sorted[lo] == sorted[hi]) {
            return sorted[lo];
        }
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
