package io.kldiv.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base file written here from known logits with the format's own quantization ({@link HandMadeKld}, not from
 * KldFile), read back row by row.
 */
class KldFileTest {
    private static final int N_CTX = 6;  // rows per chunk: 6 − 1 − 3 = 2
    private static final int VOCAB = 5;  // 5 values padded to 6, plus 4 for scale and min: 10 uint16 per row
    private static final int N_CHUNK = 2;
    private static final float[][] LOGITS = {
        {2.0f, 1.0f, 0.5f, -1.0f, -30.0f}, // −30 lies below max − 16: stored clamped
        {0.0f, 0.0f, 0.0f, 0.0f, 0.0f},    // all equal: scale 0
        {5.0f, -2.0f, 3.25f, 1.0f, 0.0f},
        {-1.0f, 4.0f, 4.0f, 2.5f, -0.5f}};
    private static final int[] TOKENS = {10, 11, 12, 13, 4, 2, 20, 21, 22, 23, 1, 3};

    @TempDir
    Path dir;

    private Path writeBaseFile() throws IOException {
        return HandMadeKld.write(dir.resolve("base.kld"), N_CTX, VOCAB, N_CHUNK, TOKENS, LOGITS);
    }

    @Test
    void rowsDecodeToTheQuantizedLogSoftmax() throws IOException {
        try (KldFile kld = KldFile.open(writeBaseFile())) {
            assertEquals(4, kld.rows());
            assertEquals(VOCAB, kld.vocab());
            // Row r of chunk c scores position 3 + r and predicts the token at 4 + r.
            assertArrayEquals(new int[] {4, 2, 1, 3},
                    new int[] {kld.nextToken(0), kld.nextToken(1), kld.nextToken(2), kld.nextToken(3)});
            double[] row = new double[VOCAB];
            for (int r = 0; r < LOGITS.length; r++) {
                kld.logProbs(r, row);
                HandMadeKld.Quantized z = HandMadeKld.quantize(LOGITS[r]);
                double max = Double.NEGATIVE_INFINITY;
                for (float l : LOGITS[r]) {
                    max = Math.max(max, l);
                }
                double lse = 0;
                for (float l : LOGITS[r]) {
                    lse += Math.exp(l - max);
                }
                lse = max + Math.log(lse);
                for (int i = 0; i < VOCAB; i++) {
                    assertEquals(z.scale() * z.q()[i] + z.minLogProb(), (float) row[i], "row " + r + " value " + i);
                    double exact = LOGITS[r][i] - lse;
                    if (LOGITS[r][i] > max - 16) {
                        // Quantization moves a value by at most half a step, plus float32 rounding.
                        assertEquals(exact, row[i], z.scale() / 2 + 1e-5, "row " + r + " value " + i);
                    } else {
                        assertEquals(max - 16 - lse, row[i], 1e-5, "clamped value");
                    }
                }
            }
        }
    }

    @Test
    void decodeWritesTheRowWidenedAndFindsItsFirstLargestValue() throws IOException {
        try (KldFile kld = KldFile.open(writeBaseFile())) {
            assertEquals(N_CTX, kld.nCtx());
            assertEquals(N_CHUNK, kld.nChunk());
            assertArrayEquals(TOKENS, kld.tokens().toArray(ValueLayout.JAVA_INT));
            double[] out = new double[VOCAB + 2];
            // Category of the largest logit; row 1's are all equal (first one), row 3 has a tie at 1 and 2.
            int[] top = {0, 0, 0, 1};
            for (int r = 0; r < LOGITS.length; r++) {
                assertEquals(top[r], kld.decode(r, MemorySegment.ofArray(out), 1), "row " + r);
                HandMadeKld.Quantized z = HandMadeKld.quantize(LOGITS[r]);
                for (int i = 0; i < VOCAB; i++) {
                    assertEquals(z.logProb(i), out[1 + i], "row " + r + " value " + i);
                }
                assertEquals(z.minLogProb(), kld.minLogProb(r));
            }
        }
    }

    @Test
    void baseFilesAreRecognizedByExtensionOrMagic() throws IOException {
        Path file = writeBaseFile();
        Path renamed = Files.copy(file, dir.resolve("fp16.bin"));
        assertTrue(KldFile.recognizes(file) && KldFile.recognizes(renamed));
        assertTrue(KldFile.recognizes(dir.resolve("missing.KLD")), "by name alone: opening it says what is wrong");
        assertFalse(KldFile.recognizes(dir.resolve("missing.npy")));
        assertFalse(KldFile.recognizes(Files.write(dir.resolve("short.bin"), new byte[] {'_', 'l', 'o'})));
        assertFalse(KldFile.recognizes(Files.write(dir.resolve("p.npy"), "\u0093NUMPY...".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
    }

    private String rejected(byte[] content) throws IOException {
        Path file = Files.write(dir.resolve("bad.kld"), content);
        KldFormatException e = assertThrows(KldFormatException.class, () -> KldFile.open(file).close());
        assertFalse(e.getMessage().contains("\n"));
        return e.getMessage();
    }

    @Test
    void damagedFilesAreOneLineErrors() throws IOException {
        byte[] valid = Files.readAllBytes(writeBaseFile());
        assertTrue(rejected(Arrays.copyOf(valid, 10)).contains("not a llama.cpp KL-divergence base file"));
        assertTrue(rejected(Arrays.copyOf(valid, valid.length - 2)).contains("truncated file"));
        assertTrue(rejected(Arrays.copyOf(valid, valid.length + 2)).contains("unexpected trailing data"));
        byte[] badMagic = valid.clone();
        badMagic[0] = 'X';
        assertTrue(rejected(badMagic).contains("magic"));
        byte[] badVocab = valid.clone();
        ByteBuffer.wrap(badVocab).order(ByteOrder.LITTLE_ENDIAN).putInt(12, -5);
        assertTrue(rejected(badVocab).contains("impossible header"));
        // Counts whose file size does not fit in a long: said so, not reported as a wrapped-around size.
        byte[] huge = valid.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(8, Integer.MAX_VALUE).putInt(16, Integer.MAX_VALUE);
        String message = rejected(huge);
        assertTrue(message.contains("impossible header") && message.contains("more than 2^63 bytes"), message);
    }
}
