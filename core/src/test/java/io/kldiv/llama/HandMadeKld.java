package io.kldiv.llama;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * llama.cpp KL-divergence base files written from known logits with the format's own quantization, re-implemented
 * from perplexity.cpp ({@code log_softmax} with a {@code uint16_t * log_prob} argument) rather than taken from
 * kldiv's reader, and the values a reader must decode from them, computed here.
 */
public final class HandMadeKld {
    private HandMadeKld() {
    }

    /** What the writer stores for one row: {scale, minLogProb} and the quantized values. */
    public record Quantized(float scale, float minLogProb, int[] q) {
        /** The stored ln p of category i as llama.cpp reads it back: scale·q + min in float32. */
        public float logProb(int i) {
            return scale * q[i] + minLogProb;
        }

        /** All categories' stored ln p, widened. */
        public double[] logProbs() {
            double[] v = new double[q.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = logProb(i);
            }
            return v;
        }
    }

    /** perplexity.cpp's quantization of one row of logits. */
    public static Quantized quantize(float[] logits) {
        float max = logits[0];
        float min = logits[0];
        for (float l : logits) {
            max = Math.max(max, l);
            min = Math.min(min, l);
        }
        min = Math.max(min, max - 16);
        double sumExp = 0;
        for (float l : logits) {
            sumExp += (float) Math.exp(l - max);
        }
        float logSumExp = (float) Math.log(sumExp);
        float minLogProb = min - max - logSumExp;
        float scale = (max - min) / 65535f;
        int[] q = new int[logits.length];
        if (scale != 0) {
            float inverse = 1 / scale;
            for (int i = 0; i < logits.length; i++) {
                q[i] = logits[i] > min ? Math.round(inverse * (logits[i] - min)) : 0;
            }
        }
        return new Quantized(scale, minLogProb, q);
    }

    /**
     * The bytes of a base file: header, tokens, then one row per logits row (rows of all chunks in order, n_ctx − 1
     * − n_ctx/2 per chunk), each quantized.
     */
    public static byte[] bytes(int nCtx, int vocab, int nChunk, int[] tokens, float[][] logits) {
        Quantized[] rows = new Quantized[logits.length];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = quantize(logits[r]);
        }
        return bytes(nCtx, vocab, nChunk, tokens, rows);
    }

    /** The bytes of a base file with the given stored rows. */
    public static byte[] bytes(int nCtx, int vocab, int nChunk, int[] tokens, Quantized[] rows) {
        int nv = 2 * ((vocab + 1) / 2) + 4;
        ByteBuffer b = ByteBuffer.allocate(20 + tokens.length * 4 + rows.length * nv * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("_logits_".getBytes(StandardCharsets.US_ASCII)).putInt(nCtx).putInt(vocab).putInt(nChunk);
        for (int t : tokens) {
            b.putInt(t);
        }
        for (Quantized z : rows) {
            b.putFloat(z.scale()).putFloat(z.minLogProb());
            for (int i = 0; i < nv - 4; i++) {
                b.putShort((short) (i < vocab ? z.q()[i] : 0));
            }
        }
        return b.array();
    }

    public static Path write(Path file, int nCtx, int vocab, int nChunk, int[] tokens, float[][] logits) throws IOException {
        return Files.write(file, bytes(nCtx, vocab, nChunk, tokens, logits));
    }

    /** Rows per chunk: positions n_ctx/2 … n_ctx − 2. */
    public static int rowsPerChunk(int nCtx) {
        return nCtx - 1 - nCtx / 2;
    }

    /** The token row {@code row} predicts: the one after its position. */
    public static int nextToken(int[] tokens, int nCtx, int row) {
        int perChunk = rowsPerChunk(nCtx);
        return tokens[(row / perChunk) * nCtx + nCtx / 2 + row % perChunk + 1];
    }
}
