package io.kldiv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.InputForm;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.reference.AccuracyBound;
import io.kldiv.reference.Distribution;
import io.kldiv.reference.Reference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * float16 and bfloat16 logits, as .npy and as safetensors, scored from the command line: every row equals the
 * reference on the widened values within SEMANTICS.md's float32 bound (the kernels compute half columns in float32).
 */
class HalfInputsCliTest {
    private static final int ROWS = 24;
    private static final int K = 37;

    @TempDir
    Path dir;

    /** Logits already representable in {@code descr}'s type, so every file holds them exactly. */
    private static double[][] logits(String descr, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[ROWS][K];
        for (double[] row : rows) {
            for (int i = 0; i < K; i++) {
                float v = (float) random.nextDouble(-12, 12);
                row[i] = descr.equals("<f2") ? Float.float16ToFloat(Float.floatToFloat16(v))
                        : Float.intBitsToFloat(Float.floatToRawIntBits(v) & 0xFFFF0000);
            }
        }
        return rows;
    }

    private void checkAgainstReference(Path out, double[][] p, double[][] q) throws IOException {
        double[] got = NpyFiles.readFloat64(out).values();
        assertEquals(ROWS, got.length);
        for (int r = 0; r < ROWS; r++) {
            Distribution dp = Reference.resolve(p[r], InputForm.LOGITS, 0.0, "p");
            Distribution dq = Reference.resolve(q[r], InputForm.LOGITS, 0.0, "q");
            double want = Reference.score(Measure.KL, dp, dq, LogBase.NATS);
            double allowed = AccuracyBound.allowedError(Measure.KL, dp, dq, LogBase.NATS, want);
            assertTrue(AccuracyBound.accepts(want, got[r], allowed), "row " + r + ": " + got[r] + " vs " + want);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"<f2", "<V2"})
    void npyPairScoresLikeTheReference(String descr) throws IOException {
        double[][] p = logits(descr, 1);
        double[][] q = logits(descr, 2);
        Path pFile = dir.resolve("p.npy");
        Path qFile = dir.resolve("q.npy");
        NpyFiles.write(pFile, descr, p);
        NpyFiles.write(qFile, descr, q);
        Path out = dir.resolve("out.npy");
        CliTest.Run run = CliTest.kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--p-input", "logits", "--q-input", "logits",
                "--measure", "kl", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        checkAgainstReference(out, p, q);
    }

    /** A safetensors file with a 1-D decoy and one [2, 12, K] tensor named "logits". */
    private static void writeSafetensors(Path file, String dtype, double[][] rows) throws IOException {
        int bytes = ROWS * K * 2;
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"bias\":{\"dtype\":\"F32\",\"shape\":[2],"
                + "\"data_offsets\":[0,8]},\"logits\":{\"dtype\":\"" + dtype + "\",\"shape\":[2," + ROWS / 2 + ","
                + K + "],\"data_offsets\":[8," + (8 + bytes) + "]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + 8 + bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json).putFloat(1f).putFloat(2f);
        for (double[] row : rows) {
            for (double v : row) {
                b.putShort(dtype.equals("F16") ? Float.floatToFloat16((float) v)
                        : (short) (Float.floatToRawIntBits((float) v) >>> 16));
            }
        }
        Files.write(file, b.array());
    }

    @ParameterizedTest
    @ValueSource(strings = {"F16", "BF16"})
    void safetensorsPairScoresAndImportsLikeTheReference(String dtype) throws IOException {
        String descr = dtype.equals("F16") ? "<f2" : "<V2";
        double[][] p = logits(descr, 3);
        double[][] q = logits(descr, 4);
        Path pFile = dir.resolve("p.safetensors");
        Path qFile = dir.resolve("q.safetensors");
        writeSafetensors(pFile, dtype, p);
        writeSafetensors(qFile, dtype, q);
        Path out = dir.resolve("out.npy");
        CliTest.Run run = CliTest.kldiv("score", "--p", pFile + ":logits", "--q", qFile + ":logits", "--p-input", "logits", "--q-input", "logits",
                "--measure", "kl", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        checkAgainstReference(out, p, q);

        Path store = dir.resolve("t.kls");
        assertEquals(0, CliTest.kldiv("import", "--p", pFile + ":logits", "--q", qFile + ":logits", "--out",
                store.toString()).exit());
        Path fromStore = dir.resolve("store-out.npy");
        assertEquals(0, CliTest.kldiv("score", "--store", store.toString(), "--p-input", "logits", "--q-input", "logits", "--measure", "kl",
                "--out", fromStore.toString()).exit());
        checkAgainstReference(fromStore, p, q);
    }

    @Test
    void damagedSafetensorsIsAOneLineErrorAndExitOne() throws IOException {
        Path bad = Files.write(dir.resolve("bad.safetensors"), new byte[] {100, 0, 0, 0, 0, 0, 0, 0, '{'});
        CliTest.Run run = CliTest.kldiv("score", "--p", bad.toString(), "--q", bad.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("header length 100 runs past the end of the file"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
