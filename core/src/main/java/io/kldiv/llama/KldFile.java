package io.kldiv.llama;

import io.kldiv.io.FileKind;
import io.kldiv.io.InputFiles;
import io.kldiv.io.OffHeapMemory;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file written by {@code llama-perplexity --kl-divergence-base FILE}, mapped read-only, read as one row of
 * log-probabilities per scored token. Layout (little-endian, from llama.cpp's tools/perplexity/perplexity.cpp):
 * the 8 bytes {@code _logits_}; int32 n_ctx, n_vocab, n_chunk; int32 tokens[n_ctx·n_chunk]; then, per chunk,
 * the rows of the context's second half, positions n_ctx/2 … n_ctx−2 (each predicting the token after it):
 * float32 scale, float32 min_log_prob and n_vocab uint16 values q, padded to an even count, and
 * ln p = scale·q + min_log_prob. Values at or below max − 16 are stored as q = 0 (clamped).
 */
public final class KldFile implements AutoCloseable {
    /** What llama.cpp's documentation calls these files; the format itself is recognized by its magic. */
    public static final String EXTENSION = ".kld";
    private static final byte[] MAGIC = "_logits_".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 20;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private final Path path;
    private final int nCtx;
    private final int vocab;
    private final int nChunk;
    private final long rowsPerChunk;
    private final long rowBytes;
    private final long rowsAt;
    private final long rows;
    private final OffHeapMemory memory;
    private final MemorySegment file;

    private KldFile(Path path, int nCtx, int vocab, int nChunk, long rowsPerChunk, long rowBytes, long rowsAt, long rows,
            OffHeapMemory memory) {
        this.path = path;
        this.nCtx = nCtx;
        this.vocab = vocab;
        this.nChunk = nChunk;
        this.rowsPerChunk = rowsPerChunk;
        this.rowBytes = rowBytes;
        this.rowsAt = rowsAt;
        this.rows = rows;
        this.memory = memory;
        this.file = memory.segment(0, memory.length());
    }

    /**
     * True when {@code path} names a base file by its extension ({@value #EXTENSION}, any case) or starts with
     * the magic {@code _logits_}: the file is then read as one, and fails as one if it is damaged. False for a
     * file that cannot be read (opening it as whatever it is reports why).
     */
    public static boolean recognizes(Path path) {
        if (path.toString().toLowerCase(java.util.Locale.ROOT).endsWith(EXTENSION)) {
            return true;
        }
        ByteBuffer start = ByteBuffer.allocate(MAGIC.length);
        try {
            if (FileKind.of(path) != FileKind.REGULAR_FILE) {
                return false; // opening a FIFO would block until a writer comes
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                while (start.hasRemaining() && channel.read(start) >= 0) {
                    // read until full or end of file
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return !start.hasRemaining() && start.flip().equals(ByteBuffer.wrap(MAGIC));
    }

    /** @throws KldFormatException if the file is not a base file or its size does not match its header */
    public static KldFile open(Path path) throws IOException {
        long size;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = InputFiles.openRegular(path)) {
            size = channel.size();
            while (header.hasRemaining() && channel.read(header, header.position()) >= 0) {
                // read until full or end of file
            }
        }
        if (size < HEADER_BYTES || !header.slice(0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            throw new KldFormatException(path, "not a llama.cpp KL-divergence base file (expected the magic "
                    + "\"_logits_\" and a 20-byte header)");
        }
        int nCtx = header.getInt(8);
        int vocab = header.getInt(12);
        int nChunk = header.getInt(16);
        if (nCtx < 2 || vocab < 1 || nChunk < 0) {
            throw new KldFormatException(path, "impossible header: n_ctx " + nCtx + ", n_vocab " + vocab
                    + ", n_chunk " + nChunk);
        }
        long rowsPerChunk = nCtx - 1 - nCtx / 2;
        long rowBytes = (2L * ((vocab + 1L) / 2) + 4) * Short.BYTES;
        long rows = rowsPerChunk * nChunk;
        long tokensBytes;
        long expected;
        try {
            // Crafted counts could make the size wrap around to the file's actual size: compute it exactly.
            tokensBytes = Math.multiplyExact((long) nCtx * nChunk, Integer.BYTES);
            expected = Math.addExact(HEADER_BYTES + tokensBytes, Math.multiplyExact(rows, rowBytes));
        } catch (ArithmeticException tooBig) {
            throw new KldFormatException(path, "impossible header: n_ctx " + nCtx + ", n_vocab " + vocab
                    + ", n_chunk " + nChunk + " describe a file of more than 2^63 bytes");
        }
        if (size != expected) {
            throw new KldFormatException(path, (size < expected ? "truncated file: " : "unexpected trailing data: ")
                    + size + " bytes, the header (n_ctx " + nCtx + ", n_vocab " + vocab + ", n_chunk " + nChunk
                    + ") says " + expected);
        }
        return new KldFile(path, nCtx, vocab, nChunk, rowsPerChunk, rowBytes, HEADER_BYTES + tokensBytes, rows,
                OffHeapMemory.mapReadOnly(path, size));
    }

    /** The file, as opened: for messages. */
    public Path path() {
        return path;
    }

    /** The context length the file was written with (the header's n_ctx). */
    public int nCtx() {
        return nCtx;
    }

    /** The number of chunks of n_ctx tokens (the header's n_chunk). */
    public int nChunk() {
        return nChunk;
    }

    /** The evaluated text's tokens: n_ctx·n_chunk int32 values, little-endian, read-only. */
    public MemorySegment tokens() {
        return file.asSlice(HEADER_BYTES, (long) nCtx * nChunk * Integer.BYTES);
    }

    /** Bytes of the file's rows: what one pass over all rows reads. */
    public long rowBytes() {
        return rows * rowBytes;
    }

    /** Scored tokens: one row each. */
    public long rows() {
        return rows;
    }

    /** Categories per row. */
    public int vocab() {
        return vocab;
    }

    /** The token that actually came next after the position row {@code row} scores. */
    public int nextToken(long row) {
        long chunk = row / rowsPerChunk;
        long position = nCtx / 2 + row % rowsPerChunk + 1;
        return file.get(INT, HEADER_BYTES + (chunk * nCtx + position) * Integer.BYTES);
    }

    /** ln p of {@code token} in row {@code row}: scale·q + min in float32, as llama.cpp reads it back. */
    public double logProb(long row, int token) {
        long at = rowsAt + row * rowBytes;
        int q = Short.toUnsignedInt(file.get(SHORT, at + 8 + (long) token * Short.BYTES));
        float scale = file.get(FLOAT, at);
        float minLogProb = file.get(FLOAT, at + 4);
        return scale * q + minLogProb;
    }

    /**
     * Writes row {@code row}'s {@code vocab()} log-probabilities, each the float32 scale·q + min_log_prob of
     * {@link #logProb} widened exactly, to the float64 elements of {@code dst} from index {@code at} on, and
     * returns the index of the first largest of them.
     */
    public int decode(long row, MemorySegment dst, long at) {
        long rowAt = rowsAt + row * rowBytes;
        float scale = file.get(FLOAT, rowAt);
        float minLogProb = file.get(FLOAT, rowAt + 4);
        MemorySegment values = file.asSlice(rowAt + 8, (long) vocab * Short.BYTES);
        int top = 0;
        float topValue = Float.NaN;
        for (int i = 0; i < vocab; i++) {
            float v = scale * Short.toUnsignedInt(values.getAtIndex(SHORT, i)) + minLogProb;
            dst.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, at + i, v);
            if (i == 0 || v > topValue) {
                top = i;
                topValue = v;
            }
        }
        return top;
    }

    /** The value a row stores for every category at or below its max − 16 (and for its minimum): its min_log_prob. */
    public float minLogProb(long row) {
        return file.get(FLOAT, rowsAt + row * rowBytes + 4);
    }

    /** The row's {@code vocab()} log-probabilities into {@code dst}. */
    public void logProbs(long row, double[] dst) {
        for (int i = 0; i < vocab; i++) {
            dst[i] = logProb(row, i);
        }
    }

    @Override
    public void close() throws IOException {
        memory.close();
    }
}
