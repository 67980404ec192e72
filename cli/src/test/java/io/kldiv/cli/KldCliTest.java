package io.kldiv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kldiv.InputForm;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.llama.HandMadeKld;
import io.kldiv.reference.AccuracyBound;
import io.kldiv.reference.Distribution;
import io.kldiv.reference.Reference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kldiv score --p p.kld --q q.kld} on llama.cpp base files written by the test from known logits with the
 * format's own quantization: per-row results equal the reference on the decoded (renormalized) rows, the token
 * statistics are those computed here from the stored values, and files that do not pair are one-line errors.
 */
class KldCliTest {
    private static final int N_CTX = 12; // 5 rows per chunk
    private static final int N_CHUNK = 5;
    private static final int VOCAB = 3001;
    private static final int ROWS = N_CHUNK * HandMadeKld.rowsPerChunk(N_CTX);

    @TempDir
    Path dir;

    private float[][] p;
    private float[][] q;
    private int[] tokens;
    private Path pFile;
    private Path qFile;

    @BeforeEach
    void writeFiles() throws IOException {
        SplittableRandom random = new SplittableRandom(77);
        p = new float[ROWS][VOCAB];
        q = new float[ROWS][VOCAB];
        for (int r = 0; r < ROWS; r++) {
            for (int i = 0; i < VOCAB; i++) {
                p[r][i] = (float) (random.nextInt(20) == 0 ? random.nextDouble(-3, 3) : -25 + 3 * random.nextGaussian());
            }
            p[r][random.nextInt(VOCAB)] = (float) random.nextDouble(5, 9);
            for (int i = 0; i < VOCAB; i++) {
                q[r][i] = (float) (p[r][i] + 0.1 * random.nextGaussian());
            }
        }
        tokens = random.ints(N_CTX * N_CHUNK, 0, VOCAB).toArray();
        pFile = HandMadeKld.write(dir.resolve("fp16.kld"), N_CTX, VOCAB, N_CHUNK, tokens, p);
        // q's name does not end in .kld: the magic tells.
        qFile = HandMadeKld.write(dir.resolve("q4.base"), N_CTX, VOCAB, N_CHUNK, tokens, q);
    }

    /** The stored row minus its logsumexp (Kahan-summed), computed here. */
    private static double[] decoded(float[] logits) {
        double[] v = HandMadeKld.quantize(logits).logProbs();
        double max = Arrays.stream(v).max().orElseThrow();
        double sum = 0;
        double c = 0;
        for (double x : v) {
            double y = Math.exp(x - max) - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        double lse = max + Math.log(sum);
        return Arrays.stream(v).map(x -> x - lse).toArray();
    }

    @Test
    void scoresAPairLikeTheReferenceAndReportsTokenStatistics() throws IOException {
        Path out = dir.resolve("out.npy");
        Path json = dir.resolve("summary.json");
        CliTest.Run run = CliTest.kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--measure", "kl,js",
                "--out", out.toString(), "--summary-json", json.toString(), "--threads", "2");
        assertEquals(0, run.exit(), run.err());
        double[] got = NpyFiles.readFloat64(out).values();
        assertEquals(2 * ROWS, got.length);
        double klSum = 0;
        for (int r = 0; r < ROWS; r++) {
            Distribution dp = Reference.resolve(decoded(p[r]), InputForm.LOGPROB, 1e-9, "p");
            Distribution dq = Reference.resolve(decoded(q[r]), InputForm.LOGPROB, 1e-9, "q");
            int m = 0;
            for (Measure measure : List.of(Measure.KL, Measure.JS)) {
                double want = Reference.score(measure, dp, dq, LogBase.NATS);
                double allowed = AccuracyBound.allowedError(measure, dp, dq, LogBase.NATS, want);
                double value = got[2 * r + m++];
                assertTrue(AccuracyBound.accepts(want, value, allowed), measure + " row " + r + ": " + value + " vs " + want);
                klSum += measure == Measure.KL ? want : 0;
            }
        }

        // Token values as stored, llama.cpp's formulas on them.
        double sumA = 0;
        double sumB = 0;
        double[] delta = new double[ROWS];
        int same = 0;
        for (int r = 0; r < ROWS; r++) {
            int token = HandMadeKld.nextToken(tokens, N_CTX, r);
            HandMadeKld.Quantized zp = HandMadeKld.quantize(p[r]);
            HandMadeKld.Quantized zq = HandMadeKld.quantize(q[r]);
            sumA -= zp.logProb(token);
            sumB -= zq.logProb(token);
            delta[r] = Math.exp(zq.logProb(token)) - Math.exp(zp.logProb(token));
            same += firstMax(zp.logProbs()) == firstMax(zq.logProbs()) ? 1 : 0;
        }
        Arrays.sort(delta);
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        assertEquals("logprob", s.get("p_input").asText());
        assertEquals("logprob", s.get("q_input").asText());
        assertEquals(VOCAB, s.get("k").asInt());
        JsonNode t = s.get("tokens");
        assertEquals(ROWS, t.get("count").asLong());
        assertEquals(Math.exp(sumA / ROWS), t.get("ppl_p").asDouble(), 1e-12 * Math.exp(sumA / ROWS));
        assertEquals(Math.exp(sumB / ROWS), t.get("ppl_q").asDouble(), 1e-12 * Math.exp(sumB / ROWS));
        assertEquals((sumB - sumA) / ROWS, t.get("ln_ppl_ratio").asDouble(), 1e-12);
        assertEquals(klSum / ROWS, t.get("kld").asDouble(), 1e-12 * klSum / ROWS);
        assertTrue(klSum / ROWS > 1e-4, "q is p plus noise");
        assertEquals((double) same / ROWS, t.get("same_top_p").asDouble());
        assertEquals(delta[ROWS - 1], t.get("delta_p").get("max").asDouble());
        assertEquals(delta[0], t.get("delta_p").get("min").asDouble());
        assertEquals(delta[ROWS / 2], t.get("delta_p").get("median").asDouble(), "25 rows: the 13th value");
        for (String key : List.of("p99_9", "p99", "p95", "p90", "p75", "p25", "p10", "p5", "p1", "p0_1")) {
            assertTrue(t.get("delta_p").has(key), key);
        }
        for (String key : List.of("ppl_p_uncertainty", "ln_ppl_correlation", "delta_p_mean", "delta_p_rms_uncertainty",
                "same_top_p_uncertainty", "ppl_difference", "ppl_ratio_uncertainty")) {
            assertTrue(t.get(key).isNumber(), key + " in " + t);
        }
        String text = run.out();
        for (String line : List.of("Mean PPL(q)", "Mean PPL(p)", "Cor(ln(PPL(q)), ln(PPL(p)))", "Mean ln(PPL(q)/PPL(p))",
                "Mean    KLD", "Mean    Δp", "Maximum Δp", "99.9%   Δp", "Median  Δp", " 0.1%   Δp", "Minimum Δp",
                "RMS Δp", "Same top p")) {
            assertTrue(text.contains(line), line + " in:\n" + text);
        }
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "Same top p: %6.3f ±", 100.0 * same / ROWS)), text);
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

    private CliTest.Run failing(Path pArg, Path qArg, String... extra) {
        Path out = dir.resolve("out.npy");
        String[] args = {"score", "--p", pArg.toString(), "--q", qArg.toString(), "--out", out.toString()};
        CliTest.Run run = CliTest.kldiv(java.util.stream.Stream.concat(Arrays.stream(args), Arrays.stream(extra)).toArray(String[]::new));
        assertFalse(Files.exists(out), "nothing published");
        assertEquals(1, run.err().strip().lines().count(), run.err());
        return run;
    }

    @Test
    void filesThatDoNotPairAreOneLineErrorsWithExitOne() throws IOException {
        float[][] narrower = Arrays.stream(q).map(row -> Arrays.copyOf(row, VOCAB - 1)).toArray(float[][]::new);
        Path vocab = HandMadeKld.write(dir.resolve("vocab.kld"), N_CTX, VOCAB - 1, N_CHUNK, tokens, narrower);
        CliTest.Run run = failing(pFile, vocab);
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(vocab + ": n_vocab 3000 does not match " + pFile), run.err());

        int[] other = tokens.clone();
        other[40] = (other[40] + 1) % VOCAB;
        Path text = HandMadeKld.write(dir.resolve("text.kld"), N_CTX, VOCAB, N_CHUNK, other, q);
        run = failing(pFile, text);
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(text + ": token 40 (chunk 3, offset 4)"), run.err());

        byte[] whole = Files.readAllBytes(qFile);
        Path truncated = Files.write(dir.resolve("truncated.kld"), Arrays.copyOf(whole, whole.length - 1));
        run = failing(pFile, truncated);
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(truncated + ": truncated file"), run.err());

        Path npy = dir.resolve("q.npy");
        NpyFiles.write(npy, "<f8", new double[][] {{0.5, 0.5}});
        run = failing(pFile, npy);
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(npy + ": not a llama.cpp KL-divergence base file"), run.err());
    }

    @Test
    void aStoredRowNoQuantizationExplainsIsNamedByFileAndRow() throws IOException {
        byte[] bytes = Files.readAllBytes(qFile);
        int nv = 2 * ((VOCAB + 1) / 2) + 4;
        int minAt = 20 + tokens.length * 4 + 17 * nv * 2 + 4;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(minAt, b.getFloat(minAt) + 0.05f);
        Files.write(qFile, bytes);
        CliTest.Run run = failing(pFile, qFile);
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(qFile + ": row 17: q row: logsumexp"), run.err());

        Path out = dir.resolve("skipped.npy");
        CliTest.Run skip = CliTest.kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--on-invalid", "skip",
                "--out", out.toString());
        assertEquals(0, skip.exit(), skip.err());
        assertTrue(skip.out().contains(String.format(java.util.Locale.ROOT, "%,d tokens", ROWS - 1)), skip.out());
    }

    @Test
    void inputFormsOtherThanLogprobAreUsageErrors() {
        for (String[] forms : List.of(new String[] {"--p-input", "logits"}, new String[] {"--q-input", "normalize"},
                new String[] {"--p-input", "logits", "--temperature", "2"})) {
            CliTest.Run run = CliTest.kldiv(java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("score", "--p", pFile.toString(), "--q", qFile.toString()), Arrays.stream(forms))
                    .toArray(String[]::new));
            assertEquals(2, run.exit(), run.err());
            assertTrue(run.err().contains("does not apply to llama.cpp .kld files"), run.err());
        }
        CliTest.Run explicit = CliTest.kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--p-input", "logprob",
                "--q-input", "logprob");
        assertEquals(0, explicit.exit(), explicit.err());
    }
}
