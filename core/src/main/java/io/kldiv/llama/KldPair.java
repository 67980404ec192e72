package io.kldiv.llama;

import io.kldiv.Dtype;
import io.kldiv.batch.RowSource;
import io.kldiv.io.OffHeapMemory;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.kernel.RowStatus;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two llama.cpp KL-divergence base files of the same text, p (e.g. the fp16 model's) and q (a quantized model's),
 * scored row by row: each worker decodes its chunk's rows into float64 log-probabilities of its own
 * ({@link RowSource}), so nothing but a few MiB of decoded rows is ever in memory.
 *
 * <p><b>Renormalized rows.</b> A stored row is not quite a distribution: each value is rounded to the nearest of
 * 65536 steps over at most 16 nats (at most 1.3e-4 off, float32 rounding included), and every value below
 * max − 16 is stored as max − 16, which adds up to p_max·e^−16 of mass per such category: for a vocabulary of
 * K, logsumexp of a stored row lies in [−t, ln(1 + K·e^−16) + t] with t = 1.3e-4, that is up to 0.017 for
 * K = 150,000. Scored as stored, that excess goes straight into KL: a q whose p_max differs from p's by 10%
 * makes the clamped categories alone add about 1.7e-3·p_max, as much as a good quantization's whole KL. Each row
 * is therefore divided by its own sum (its logsumexp, in float64, subtracted from every value), which turns
 * the error into a second-order one and makes every divergence of the pair the divergence of two
 * distributions (never below 0). A row whose logsumexp lies outside that band (with t the sum tolerance given,
 * {@value #DEFAULT_SUM_TOLERANCE} by default) cannot come from llama.cpp: it is passed on as stored, where
 * the kernel's logprob check reports it (logsumexp_not_zero, or the NaN or +inf a damaged scale gives) under
 * the job's invalid-row policy.
 *
 * <p><b>Token values.</b> While a row is decoded, its ln p and ln q of the token that actually came next are
 * recorded as stored (not renormalized: the stored value of one category is within half a quantization step of
 * the model's, and its perplexity is what llama.cpp reports), and whether p's and q's largest values sit at the
 * same category: {@link #tokens()}, from which {@link TokenStatistics} are computed once every row is scored.
 */
public final class KldPair implements RowSource, AutoCloseable {
    /**
     * The slack of the band a stored row's logsumexp must lie in: half a quantization step of the widest row
     * (16 / 65535 / 2 = 1.22e-4) plus float32 rounding of the stored values (below 1e-5), rounded up.
     */
    public static final double DEFAULT_SUM_TOLERANCE = 2e-4;
    private static final double CLAMP = 16;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private final KldFile p;
    private final KldFile q;
    private final double lowest;
    private final double highest;
    private final Arena tokenMemory;
    private final TokenColumns tokens;
    private final AtomicLong rowsDecoded = new AtomicLong();

    private KldPair(KldFile p, KldFile q, double tolerance, Arena tokenMemory, TokenColumns tokens) {
        this.p = p;
        this.q = q;
        this.lowest = -tolerance;
        this.highest = Math.log1p(p.vocab() * Math.exp(-CLAMP)) + tolerance;
        this.tokenMemory = tokenMemory;
        this.tokens = tokens;
    }

    /**
     * Maps both files and checks they score the same text: the same n_ctx, n_vocab and n_chunk, the same tokens,
     * every token inside the vocabulary.
     *
     * @param sumTolerance the slack of the band a stored row's logsumexp must lie in; NaN for
     *                     {@value #DEFAULT_SUM_TOLERANCE}
     * @throws KldFormatException naming the file at fault (q's when the files disagree) and what is wrong
     */
    public static KldPair open(Path pFile, Path qFile, double sumTolerance) throws IOException {
        if (!Double.isNaN(sumTolerance) && !(sumTolerance >= 0 && sumTolerance < 1)) {
            throw new IllegalArgumentException("sum tolerance must be in [0, 1), got " + sumTolerance);
        }
        KldFile p = KldFile.open(pFile);
        KldFile q = null;
        Arena memory = null;
        try {
            q = KldFile.open(qFile);
            checkSameText(p, q);
            long rows = p.rows();
            // Plain JDK memory, like the mapped files: a .kld job has no use for Chronicle Bytes (see DESIGN.md).
            memory = Arena.ofShared();
            TokenColumns columns = new TokenColumns(rows, memory.allocate(rows * Double.BYTES, Double.BYTES),
                    memory.allocate(rows * Double.BYTES, Double.BYTES), memory.allocate(rows, 1));
            return new KldPair(p, q, Double.isNaN(sumTolerance) ? DEFAULT_SUM_TOLERANCE : sumTolerance, memory, columns);
        } catch (IOException | RuntimeException e) {
            if (memory != null) {
                memory.close();
            }
            if (q != null) {
                q.close();
            }
            p.close();
            throw e;
        }
    }

    private static void checkSameText(KldFile p, KldFile q) throws KldFormatException {
        same(p, q, "n_ctx", p.nCtx(), q.nCtx());
        same(p, q, "n_vocab", p.vocab(), q.vocab());
        same(p, q, "n_chunk", p.nChunk(), q.nChunk());
        MemorySegment pTokens = p.tokens();
        long mismatch = pTokens.mismatch(q.tokens());
        if (mismatch >= 0) {
            long position = mismatch / Integer.BYTES;
            throw new KldFormatException(q.path(), "token " + position + " (chunk " + position / p.nCtx() + ", offset "
                    + position % p.nCtx() + ") is " + q.tokens().getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, position)
                    + " where " + p.path() + " has " + pTokens.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, position)
                    + "; p and q must score the same text with the same tokenizer");
        }
        for (long i = 0; i < pTokens.byteSize() / Integer.BYTES; i++) {
            int token = pTokens.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
            if (token < 0 || token >= p.vocab()) {
                throw new KldFormatException(p.path(), "token " + i + " is " + token + ", outside the vocabulary of "
                        + p.vocab());
            }
        }
    }

    private static void same(KldFile p, KldFile q, String field, int pValue, int qValue) throws KldFormatException {
        if (pValue != qValue) {
            throw new KldFormatException(q.path(), field + " " + qValue + " does not match " + p.path() + " with "
                    + field + " " + pValue + "; p and q must score the same text with the same context size and vocabulary");
        }
    }

    public KldFile p() {
        return p;
    }

    public KldFile q() {
        return q;
    }

    @Override
    public long rows() {
        return p.rows();
    }

    @Override
    public int k() {
        return p.vocab();
    }

    /** Rows are decoded to float64: the stored float32 values widened, minus the row's logsumexp. */
    @Override
    public Dtype dtype() {
        return Dtype.FLOAT64;
    }

    /** The stored rows of both files. */
    @Override
    public long bytesScanned() {
        return p.rowBytes() + q.rowBytes();
    }

    /**
     * Each row's ln p and ln q of the token that came next and whether the two argmaxes agree, as recorded
     * while the rows were decoded.
     *
     * @throws IllegalStateException if not every row has been decoded yet
     */
    public TokenColumns tokens() {
        if (rowsDecoded.get() < rows()) {
            throw new IllegalStateException("token values are recorded while rows are scored: " + rowsDecoded.get()
                    + " of " + rows() + " rows decoded so far");
        }
        return tokens;
    }

    /**
     * llama.cpp's token statistics over the rows a job scored as valid.
     *
     * @param results  the job's results
     * @param klColumn the index of its kl column, or −1 if kl was not scored (the KL statistic is then NaN)
     */
    public TokenStatistics tokenStatistics(ResultColumns results, int klColumn) {
        return TokenStatistics.compute(tokens(), klColumn < 0 ? null : results.columns().get(klColumn),
                r -> results.status(r) == RowStatus.VALID);
    }

    @Override
    public Reader reader(long maxRows) {
        long sideBytes = Math.multiplyExact(Math.multiplyExact(maxRows, (long) k()), (long) Double.BYTES);
        // Confined: a reader lives and dies on its worker's thread.
        Arena scratch = Arena.ofConfined();
        PairRows rows = PairRows.contiguous(scratch.allocate(sideBytes, OffHeapMemory.ALIGNMENT),
                scratch.allocate(sideBytes, OffHeapMemory.ALIGNMENT), Dtype.FLOAT64, k(), maxRows);
        return new Reader() {
            @Override
            public PairRows rows() {
                return rows;
            }

            @Override
            public long load(long from, long to) {
                for (long r = from; r < to; r++) {
                    long at = (r - from) * k();
                    int pTop = decode(p, r, rows.p(), at, tokens.logProbP());
                    int qTop = decode(q, r, rows.q(), at, tokens.logProbQ());
                    tokens.sameTop().set(ValueLayout.JAVA_BYTE, r, (byte) (pTop == qTop ? 1 : 0));
                }
                rowsDecoded.addAndGet(to - from);
                return 0;
            }

            @Override
            public void close() {
                scratch.close();
            }
        };
    }

    /** Decodes one side's row to {@code dst} from element {@code at}, records its next token's ln p; returns its argmax. */
    private int decode(KldFile file, long row, MemorySegment dst, long at, MemorySegment tokenColumn) {
        int top = file.decode(row, dst, at);
        tokenColumn.setAtIndex(DOUBLE, row, dst.getAtIndex(DOUBLE, at + file.nextToken(row)));
        // ln Σ exp(v) = max + ln(1 + Σ_others exp(v − max)): log1p keeps a near-certain row's tiny logsumexp exact,
        // and the sum of up to 256k terms is compensated (Neumaier; the terms are ≥ 0), so the logsumexp subtracted
        // is right to about 1e-16 whatever K, not 1e-12.
        // Every clamped value is min_log_prob, usually most of the row: their terms are one exp times their count.
        double max = dst.getAtIndex(DOUBLE, at + top);
        double clampedValue = file.minLogProb(row);
        long clamped = 0;
        double others = 0;
        double compensation = 0;
        int k = file.vocab();
        for (int i = 0; i < k; i++) {
            double v = dst.getAtIndex(DOUBLE, at + i);
            if (v == clampedValue) {
                clamped++;
            } else if (i != top) {
                double x = Math.exp(v - max);
                double t = others + x;
                compensation += others >= x ? (others - t) + x : (x - t) + others;
                others = t;
            }
        }
        if (max == clampedValue) {
            clamped--; // a row of equal values: the top is one of them and adds 1, outside the sum
        }
        double x = clamped * Math.exp(clampedValue - max);
        double t = others + x;
        compensation += others >= x ? (others - t) + x : (x - t) + others;
        double logSumExp = max + Math.log1p(t + compensation);
        if (logSumExp >= lowest && logSumExp <= highest) {
            for (int i = 0; i < k; i++) {
                dst.setAtIndex(DOUBLE, at + i, dst.getAtIndex(DOUBLE, at + i) - logSumExp);
            }
        }
        return top;
    }

    /** Unmaps both files and frees the token columns; idempotent. */
    @Override
    public void close() throws IOException {
        if (!tokenMemory.scope().isAlive()) {
            return;
        }
        try (KldFile a = p; KldFile b = q; Arena m = tokenMemory) {
            // closes all three, the last first
        }
    }
}
