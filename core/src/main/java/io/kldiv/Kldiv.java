package io.kldiv;

import io.kldiv.kernel.KernelChoice;
import io.kldiv.kernel.Kernels;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import java.lang.foreign.MemorySegment;

/**
 * The entry point for embedding kldiv: score one pair of rows, or a batch, with the best kernel this JVM has
 * (SIMD where it can run, scalar otherwise). Heap arrays are scored in place, without copying.
 *
 * <pre>{@code
 * ScoreOptions options = ScoreOptions.of(Measure.KL, Measure.JS).withBase(LogBase.BITS);
 * double[] r = Kldiv.score(options, p, q);              // one row: r[0] = KL, r[1] = JS
 * ResultColumns out = ResultColumns.onHeap(2, rows);
 * Kldiv.score(options, PairRows.contiguous(pSeg, qSeg, Dtype.FLOAT32, k, rows), out);
 * }</pre>
 */
public final class Kldiv {
    private Kldiv() {
    }

    /** One row of float32 values; results in the order of {@code options.measures()}. */
    public static double[] score(ScoreOptions options, float[] p, float[] q) {
        checkLengths(p.length, q.length);
        return scoreOne(options, PairRows.contiguous(MemorySegment.ofArray(p), MemorySegment.ofArray(q),
                Dtype.FLOAT32, p.length, 1));
    }

    /**
     * One row of half-precision values given as their 16-bit patterns ({@code dtype} bfloat16 or float16, e.g.
     * a {@code torch.bfloat16} tensor's bits); results in the order of {@code options.measures()}.
     */
    public static double[] score(ScoreOptions options, short[] p, short[] q, Dtype dtype) {
        if (!dtype.isHalf()) {
            throw new IllegalArgumentException("short[] rows hold bfloat16 or float16 bits, not " + dtype);
        }
        checkLengths(p.length, q.length);
        return scoreOne(options, PairRows.contiguous(MemorySegment.ofArray(p), MemorySegment.ofArray(q),
                dtype, p.length, 1));
    }

    /** One row of float64 values; results in the order of {@code options.measures()}. */
    public static double[] score(ScoreOptions options, double[] p, double[] q) {
        checkLengths(p.length, q.length);
        return scoreOne(options, PairRows.contiguous(MemorySegment.ofArray(p), MemorySegment.ofArray(q),
                Dtype.FLOAT64, p.length, 1));
    }

    /**
     * Every row of a batch, on the calling thread.
     *
     * @throws InvalidRowException under policy {@code error}, for the first invalid row
     */
    public static void score(ScoreOptions options, PairRows rows, ResultColumns out) {
        kernel().kernel().score(rows, options, 0, rows.rows(), out);
    }

    /** The kernel in use and why it was chosen. */
    public static KernelChoice kernel() {
        return Kernels.best();
    }

    private static double[] scoreOne(ScoreOptions options, PairRows row) {
        ResultColumns out = ResultColumns.onHeap(options.measures().size(), 1);
        score(options, row, out);
        double[] r = new double[options.measures().size()];
        for (int m = 0; m < r.length; m++) {
            r[m] = out.get(m, 0);
        }
        return r;
    }

    private static void checkLengths(int p, int q) {
        if (p != q) {
            throw new InvalidRowException(InvalidReason.LENGTH_MISMATCH, null, InvalidRowException.WHOLE_ROW,
                    "p has " + p + " categories, q has " + q);
        }
    }
}
