package io.kldiv.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.InputForm;
import io.kldiv.InvalidPolicy;
import io.kldiv.InvalidReason;
import io.kldiv.InvalidRowException;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.batch.BatchResult;
import io.kldiv.batch.BatchScorer;
import io.kldiv.batch.BatchScorerAccess;
import io.kldiv.batch.ProgressListener;
import io.kldiv.batch.RowSource;
import io.kldiv.kernel.Kernels;
import io.kldiv.reference.AccuracyBound;
import io.kldiv.reference.Distribution;
import io.kldiv.reference.Reference;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two base files written here from known logits (q's are p's plus noise, as a quantized model's), scored as a
 * pair: the decoded rows are the stored values renormalized (computed here from the test's own quantization), the
 * kernel's results are the reference's on them within SEMANTICS.md's bound, and files that do not score the same
 * text are one-line errors naming the file.
 */
class KldPairTest {
    static final int N_CTX = 10; // 4 rows per chunk
    static final int N_CHUNK = 6;
    static final int VOCAB = 20_000;
    static final int ROWS = N_CHUNK * HandMadeKld.rowsPerChunk(N_CTX);
    static final ScoreOptions ALL = ScoreOptions.of(Measure.values()).withForms(InputForm.LOGPROB);

    @TempDir
    Path dir;

    /** p's and q's logits and the text's tokens, from a seed. */
    record Pair(float[][] p, float[][] q, int[] tokens) {
        static Pair random(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            float[][] p = new float[ROWS][VOCAB];
            float[][] q = new float[ROWS][VOCAB];
            for (int r = 0; r < ROWS; r++) {
                for (int i = 0; i < VOCAB; i++) {
                    // Most of a real vocabulary lies far below the top (stored clamped), a few categories near it.
                    p[r][i] = (float) (random.nextInt(50) == 0 ? random.nextDouble(-4, 4) : -30 + 4 * random.nextGaussian());
                }
                // A likely next token, as a language model's usually is: p_max about 0.5.
                p[r][random.nextInt(VOCAB)] = (float) random.nextDouble(7, 11);
                for (int i = 0; i < VOCAB; i++) {
                    q[r][i] = (float) (p[r][i] + 0.05 * random.nextGaussian());
                }
            }
            // Row 1: every logit equal (scale 0). Row 2: all within 16 of the top (nothing clamped).
            Arrays.fill(p[1], 0.5f);
            Arrays.fill(q[1], -2f);
            for (int i = 0; i < VOCAB; i++) {
                p[2][i] = (float) random.nextDouble(-5, 5);
                q[2][i] = p[2][i] + (float) (0.1 * random.nextGaussian());
            }
            int[] tokens = new int[N_CTX * N_CHUNK];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = random.nextInt(VOCAB);
            }
            // Row 0 predicts p's top token, so that one Δp is large.
            tokens[N_CTX / 2 + 1] = argmax(p[0]);
            return new Pair(p, q, tokens);
        }

        Path[] write(Path dir) throws IOException {
            return new Path[] {HandMadeKld.write(dir.resolve("p.kld"), N_CTX, VOCAB, N_CHUNK, tokens, p),
                HandMadeKld.write(dir.resolve("q.kld"), N_CTX, VOCAB, N_CHUNK, tokens, q)};
        }
    }

    static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** ln Σ exp(v), the sum in Kahan's compensated form (K = 20,000 terms would otherwise be 1e-12 off). */
    static double logSumExp(double[] v) {
        double max = Arrays.stream(v).max().orElseThrow();
        double sum = 0;
        double c = 0;
        for (double x : v) {
            double y = Math.exp(x - max) - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        return max + Math.log(sum);
    }

    /** The stored row's values minus their logsumexp: what the pair must hand the kernel. */
    static double[] renormalized(float[] logits) {
        double[] v = HandMadeKld.quantize(logits).logProbs();
        double lse = logSumExp(v);
        for (int i = 0; i < v.length; i++) {
            v[i] -= lse;
        }
        return v;
    }

    @Test
    void rowsDecodeToTheStoredLogProbabilitiesDividedByTheirSum() throws IOException {
        Pair pair = Pair.random(1);
        Path[] files = pair.write(dir);
        double largestExcess = 0;
        try (KldPair kld = KldPair.open(files[0], files[1], Double.NaN); RowSource.Reader reader = kld.reader(5)) {
            assertEquals(ROWS, kld.rows());
            assertEquals(VOCAB, kld.k());
            for (int from = 0; from < ROWS; from += 5) {
                int to = Math.min(ROWS, from + 5);
                long first = reader.load(from, to);
                for (int r = from; r < to; r++) {
                    double[] expectP = renormalized(pair.p()[r]);
                    double[] expectQ = renormalized(pair.q()[r]);
                    long at = (first + r - from) * VOCAB;
                    for (int i = 0; i < VOCAB; i++) {
                        assertEquals(expectP[i], reader.rows().p().getAtIndex(ValueLayout.JAVA_DOUBLE, at + i), 1e-13, "p row " + r);
                        assertEquals(expectQ[i], reader.rows().q().getAtIndex(ValueLayout.JAVA_DOUBLE, at + i), 1e-13, "q row " + r);
                    }
                    largestExcess = Math.max(largestExcess, logSumExp(HandMadeKld.quantize(pair.p()[r]).logProbs()));
                }
            }
        }
        // Why rows are renormalized: the clamped categories' stored mass puts a row's logsumexp far past the
        // float32 rounding a log-probability row is allowed (1e-4), within what the band lets through.
        assertTrue(largestExcess > 1e-3 && largestExcess < Math.log1p(VOCAB * Math.exp(-16)) + 2e-4, "" + largestExcess);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void kernelResultsAreTheReferenceOnTheDecodedRows(int threads) throws IOException {
        Pair pair = Pair.random(2);
        Path[] files = pair.write(dir);
        for (LogBase base : List.of(LogBase.NATS, LogBase.BITS)) {
            ScoreOptions options = ALL.withBase(base);
            // Chunks of 3 rows, so that rows are decoded by several readers, chunk by chunk.
            BatchScorer scorer = BatchScorerAccess.scorer(Kernels.best().kernel(), threads, 3 * 2L * VOCAB * Double.BYTES);
            try (KldPair kld = KldPair.open(files[0], files[1], Double.NaN); BatchResult result = scorer.score(kld, options)) {
                assertEquals(ROWS, result.summary().validRows());
                for (int row = 0; row < ROWS; row++) {
                    int r = row;
                    Distribution p = Reference.resolve(renormalized(pair.p()[r]), InputForm.LOGPROB, 1e-9, "p");
                    Distribution q = Reference.resolve(renormalized(pair.q()[r]), InputForm.LOGPROB, 1e-9, "q");
                    for (int m = 0; m < options.measures().size(); m++) {
                        Measure measure = options.measures().get(m);
                        double truth = Reference.score(measure, p, q, base);
                        double got = result.columns().get(m, r);
                        double allowed = AccuracyBound.allowedError(measure, p, q, base, truth);
                        assertTrue(AccuracyBound.accepts(truth, got, allowed),
                                () -> measure + " row " + r + ": " + got + " vs " + truth + " ± " + allowed);
                    }
                }
                double kl = result.summary().measure(Measure.KL).mean();
                assertTrue(kl > 1e-4 && kl < 1e-2, "q is p plus a little noise: " + kl);
            }
        }
    }

    /** Fraction f of the sorted values, interpolated as llama.cpp's percentile. */
    static double percentile(double[] sorted, double f) {
        double h = f * (sorted.length - 1);
        int i = (int) h;
        double w = h - i;
        return (1 - w) * sorted[i] + w * sorted[Math.min(i + 1, sorted.length - 1)];
    }

    @Test
    void tokenStatisticsAreLlamaCppsFormulasOnTheStoredTokenValues() throws IOException {
        Pair pair = Pair.random(3);
        Path[] files = pair.write(dir);
        double[] a = new double[ROWS]; // −ln p(next token), as stored
        double[] b = new double[ROWS];
        double[] delta = new double[ROWS];
        double[] kl = new double[ROWS];
        int same = 0;
        for (int r = 0; r < ROWS; r++) {
            int token = HandMadeKld.nextToken(pair.tokens(), N_CTX, r);
            HandMadeKld.Quantized zp = HandMadeKld.quantize(pair.p()[r]);
            HandMadeKld.Quantized zq = HandMadeKld.quantize(pair.q()[r]);
            a[r] = -zp.logProb(token);
            b[r] = -zq.logProb(token);
            delta[r] = Math.exp(-b[r]) - Math.exp(-a[r]);
            kl[r] = Reference.score(ALL.withMeasures(List.of(Measure.KL)), renormalized(pair.p()[r]), renormalized(pair.q()[r]))[0];
            same += firstMax(zp.logProbs()) == firstMax(zq.logProbs()) ? 1 : 0;
        }
        int n = ROWS;
        // perplexity.cpp's mean_and_uncertainty and covariance, literally (Σx² form).
        double[] ea = meanAndUncertainty(a);
        double[] eb = meanAndUncertainty(b);
        double sumAB = 0;
        for (int r = 0; r < n; r++) {
            sumAB += a[r] * b[r];
        }
        double cov = (sumAB / n - ea[0] * eb[0]) / (n - 1);
        double[] sq = Arrays.stream(delta).map(d -> d * d).toArray();
        double[] mse = meanAndUncertainty(sq);
        double[] sorted = delta.clone();
        Arrays.sort(sorted);

        ScoreOptions options = ScoreOptions.of(Measure.JS, Measure.KL).withForms(InputForm.LOGPROB);
        try (KldPair kld = KldPair.open(files[0], files[1], Double.NaN);
             BatchResult result = new BatchScorer(Kernels.best().kernel(), 2, 0, ProgressListener.NONE).score(kld, options)) {
            TokenStatistics s = kld.tokenStatistics(result.columns(), 1);
            assertEquals(n, s.tokens());
            close(Math.exp(ea[0]), s.perplexityP().value(), 1e-12);
            close(Math.exp(ea[0]) * ea[1], s.perplexityP().uncertainty(), 1e-9);
            close(Math.exp(eb[0]), s.perplexityQ().value(), 1e-12);
            close(Math.exp(eb[0]) * eb[1], s.perplexityQ().uncertainty(), 1e-9);
            close(eb[0] - ea[0], s.lnPerplexityRatio().value(), 1e-9);
            close(Math.sqrt(ea[1] * ea[1] + eb[1] * eb[1] - 2 * cov), s.lnPerplexityRatio().uncertainty(), 1e-6);
            close(cov / (ea[1] * eb[1]), s.correlation(), 1e-9);
            assertTrue(s.correlation() > 0.9, "q's token log-probs follow p's");
            close(Math.exp(eb[0] - ea[0]), s.perplexityRatio().value(), 1e-9);
            double uP = Math.exp(ea[0]) * ea[1];
            double uQ = Math.exp(eb[0]) * eb[1];
            close(Math.sqrt(uP * uP + uQ * uQ - 2 * Math.exp(ea[0]) * Math.exp(eb[0]) * cov),
                    s.perplexityDifference().uncertainty(), 1e-6);
            double[] ekl = meanAndUncertainty(kl);
            close(ekl[0], s.kl().value(), 1e-9);
            close(ekl[1], s.kl().uncertainty(), 1e-6);
            double[] ed = meanAndUncertainty(delta);
            close(ed[0], s.meanDeltaP().value(), 1e-9);
            close(ed[1], s.meanDeltaP().uncertainty(), 1e-9);
            close(Math.sqrt(mse[0]), s.rmsDeltaP().value(), 1e-12);
            close(0.5 / Math.sqrt(mse[0]) * mse[1], s.rmsDeltaP().uncertainty(), 1e-9);
            close((double) same / n, s.sameTop().value(), 0);
            close(Math.sqrt((double) same / n * (1 - (double) same / n) / (n - 1)), s.sameTop().uncertainty(), 1e-12);
            assertEquals(TokenStatistics.DELTA_P_FRACTIONS.size(), s.deltaP().size());
            for (TokenStatistics.Quantile quantile : s.deltaP()) {
                close(percentile(sorted, quantile.fraction()), quantile.value(), 1e-15);
            }
            assertEquals(sorted[n - 1], s.deltaP().getFirst().value());
            assertEquals(sorted[0], s.deltaP().getLast().value());
            assertTrue(same > 0 && same < n, "both kinds of rows: " + same);
            assertEquals(result.summary().top1().rate(), s.sameTop().value(), "the kernel's top-1 agreement is the same count");
        }
    }

    private static int firstMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** perplexity.cpp's mean_and_uncertainty: {mean, √((Σx²/n − mean²)/(n − 1))}. */
    static double[] meanAndUncertainty(double[] x) {
        double sum = 0;
        double sum2 = 0;
        for (double v : x) {
            sum += v;
            sum2 += v * v;
        }
        double f = sum / x.length;
        double df = sum2 / x.length - f * f;
        return new double[] {f, df > 0 ? Math.sqrt(df / (x.length - 1)) : 0};
    }

    private static void close(double expected, double actual, double relative) {
        assertEquals(expected, actual, relative * Math.abs(expected) + 1e-300, () -> "expected " + expected + ", got " + actual);
    }

    @Test
    void tokenValuesExistOnlyOnceEveryRowIsDecoded() throws IOException {
        Path[] files = Pair.random(4).write(dir);
        try (KldPair kld = KldPair.open(files[0], files[1], Double.NaN)) {
            assertThrows(IllegalStateException.class, kld::tokens);
        }
    }

    /** A file's bytes with one stored row's min_log_prob raised by {@code shift}: its logsumexp moves by as much. */
    static byte[] withShiftedRow(byte[] file, int row, float shift) {
        int nv = 2 * ((VOCAB + 1) / 2) + 4;
        int at = 20 + N_CTX * N_CHUNK * 4 + row * nv * 2 + 4;
        ByteBuffer b = ByteBuffer.wrap(file.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(at, b.getFloat(at) + shift);
        return b.array();
    }

    @Test
    void aRowNoQuantizationCanExplainIsInvalidUnderTheJobsPolicy() throws IOException {
        Pair pair = Pair.random(5);
        Path[] files = pair.write(dir);
        Files.write(files[1], withShiftedRow(Files.readAllBytes(files[1]), 7, 0.01f));
        ScoreOptions options = ScoreOptions.of(Measure.KL).withForms(InputForm.LOGPROB);
        BatchScorer scorer = new BatchScorer(Kernels.best().kernel(), 2, 0, ProgressListener.NONE);
        try (KldPair kld = KldPair.open(files[0], files[1], Double.NaN)) {
            InvalidRowException e = assertThrows(InvalidRowException.class, () -> scorer.score(kld, options).close());
            assertEquals(7, e.row());
            assertEquals("q", e.side());
            assertEquals(InvalidReason.LOGSUMEXP_NOT_ZERO, e.reason());
        }
        try (KldPair kld = KldPair.open(files[0], files[1], Double.NaN);
             BatchResult result = scorer.score(kld, options.withOnInvalid(InvalidPolicy.SKIP))) {
            assertEquals(ROWS - 1, result.summary().validRows());
            assertEquals(ROWS - 1, kld.tokenStatistics(result.columns(), 0).tokens());
        }
        // A wider tolerance takes the row's 0.01 as rounding, and the row is renormalized like the others.
        try (KldPair kld = KldPair.open(files[0], files[1], 0.02);
             BatchResult result = scorer.score(kld, options)) {
            assertEquals(ROWS, result.summary().validRows());
        }
    }

    private String rejected(Path p, Path q) {
        KldFormatException e = assertThrows(KldFormatException.class, () -> KldPair.open(p, q, Double.NaN).close());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void filesOfDifferentTextsAreOneLineErrorsNamingTheFile() throws IOException {
        Pair pair = Pair.random(6);
        Path p = pair.write(dir)[0];
        float[][] fewer = Arrays.stream(pair.q()).map(row -> Arrays.copyOf(row, VOCAB - 1)).toArray(float[][]::new);
        Path q = HandMadeKld.write(dir.resolve("vocab.kld"), N_CTX, VOCAB - 1, N_CHUNK, pair.tokens(), fewer);
        String m = rejected(p, q);
        assertTrue(m.startsWith(q + ": n_vocab 19999 does not match " + p + " with n_vocab 20000"), m);

        int[] tokens = pair.tokens().clone();
        tokens[23] += 1;
        q = HandMadeKld.write(dir.resolve("tokens.kld"), N_CTX, VOCAB, N_CHUNK, tokens, pair.q());
        m = rejected(p, q);
        assertTrue(m.startsWith(q + ": token 23 (chunk 2, offset 3) is " + tokens[23] + " where " + p + " has "
                + pair.tokens()[23]), m);

        q = HandMadeKld.write(dir.resolve("chunks.kld"), N_CTX, VOCAB, N_CHUNK - 1,
                Arrays.copyOf(pair.tokens(), N_CTX * (N_CHUNK - 1)), Arrays.copyOf(pair.q(), ROWS - 4));
        assertTrue(rejected(p, q).startsWith(q + ": n_chunk 5 does not match " + p), q.toString());

        int[] context = Arrays.copyOf(pair.tokens(), 8 * N_CHUNK);
        q = HandMadeKld.write(dir.resolve("context.kld"), 8, VOCAB, N_CHUNK, context,
                Arrays.copyOf(pair.q(), N_CHUNK * HandMadeKld.rowsPerChunk(8)));
        assertTrue(rejected(p, q).startsWith(q + ": n_ctx 8 does not match " + p), q.toString());

        byte[] whole = Files.readAllBytes(pair.write(dir)[1]);
        q = Files.write(dir.resolve("truncated.kld"), Arrays.copyOf(whole, whole.length - 100));
        assertTrue(rejected(p, q).startsWith(q + ": truncated file"), q.toString());
        assertTrue(rejected(q, p).startsWith(q + ": truncated file"), "p's own damage names p");

        int[] outside = pair.tokens().clone();
        outside[3] = VOCAB;
        Path both = HandMadeKld.write(dir.resolve("outside.kld"), N_CTX, VOCAB, N_CHUNK, outside, pair.p());
        assertTrue(rejected(both, both).startsWith(both + ": token 3 is 20000, outside the vocabulary of 20000"));
    }
}
