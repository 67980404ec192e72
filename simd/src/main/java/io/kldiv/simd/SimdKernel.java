package io.kldiv.simd;

import io.kldiv.ScoreOptions;
import io.kldiv.kernel.FloatArgmax;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;

/**
 * The Vector API kernel: every measure, every dtype (half types widened to float32 by {@link HalfRows}), every input form per side, composed from side decoders
 * ({@link VectorSide}) and term sums ({@link TermSum}). Stateless; each call builds its own small buffers.
 */
final class SimdKernel implements Kernel {
    /** Up to this many categories rows are vectorized across rows ({@link NarrowRows}), beyond it within one. */
    static final int NARROW_K = 32;
    private static final FloatArgmax ARGMAX = new VectorArgmax();

    @Override
    public String name() {
        return "simd-" + Species.BITS;
    }

    @Override
    public boolean slowToCompile() {
        return true;
    }

    @Override
    public FloatArgmax floatArgmax() {
        return ARGMAX;
    }

    @Override
    public void score(PairRows in, ScoreOptions options, long fromRow, long toRow, ResultColumns out) {
        if (fromRow >= toRow) {
            return;
        }
        if (in.dtype().isHalf()) {
            new HalfRows(in, options).score(fromRow, toRow, out);
            return;
        }
        passFor(in, options).score(fromRow, toRow, out);
    }

    /** The pass over rows of float32 or float64 columns. */
    static RowPass passFor(PairRows in, ScoreOptions options) {
        return in.k() <= NARROW_K ? new NarrowRows(in, options) : new WideRows(in, options);
    }

    /**
     * One line for {@code kldiv info}, e.g. "simd: 512-bit FloatVector/DoubleVector (16 float lanes), repeatable
     * log/exp, C2". The kernel computes ln and exp itself ({@link RepeatableMath}), so it needs no vector math
     * library from the JDK (SVML, SLEEF) and runs at full speed without one.
     */
    String describe(boolean widthForced) {
        return "simd: " + Species.BITS + "-bit FloatVector/DoubleVector (" + Species.FLOATS.length() + " float lanes"
                + (widthForced ? ", width forced by -D" + VectorWidth.PROPERTY : "") + "), repeatable log/exp, C2";
    }
}
