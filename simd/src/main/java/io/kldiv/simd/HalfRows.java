package io.kldiv.simd;

import io.kldiv.Dtype;
import io.kldiv.InvalidRowException;
import io.kldiv.ScoreOptions;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import java.lang.foreign.MemorySegment;

/**
 * bfloat16 and float16 columns, scored by the float32 passes: each block of rows is widened exactly into float32
 * scratch ({@link HalfWidening}, a few integer lane operations per value) and scored as float32 rows. The widened
 * values are the half values themselves, so results are those of float32 columns holding the same numbers; the
 * scratch stays in cache, and one set of decoders serves all three types. The sum tolerance stays the half type's.
 */
final class HalfRows {
    /** float32 bytes of scratch per side and block: small enough to be read back from L2. */
    private static final int BLOCK_BYTES = 64 << 10;

    private final PairRows in;
    private final ScoreOptions options;
    private final int rowsPerBlock;
    private final float[] p;
    private final float[] q;
    /** The float32 pass over the scratch: made once, it keeps its own buffers from block to block. */
    private final RowPass pass;

    HalfRows(PairRows in, ScoreOptions options) {
        this.in = in;
        // The tolerance is the half type's (rounding to 8 or 11 bits moves a row's sum), not float32's.
        this.options = options.withSumTolerance(options.sumTolerance(in.dtype()));
        int k = in.k();
        this.rowsPerBlock = Math.max(1, BLOCK_BYTES / (k * Float.BYTES));
        this.p = new float[rowsPerBlock * k];
        this.q = new float[rowsPerBlock * k];
        PairRows widened = PairRows.contiguous(MemorySegment.ofArray(p), MemorySegment.ofArray(q), Dtype.FLOAT32, k, rowsPerBlock);
        this.pass = SimdKernel.passFor(widened, this.options);
    }

    void score(long fromRow, long toRow, ResultColumns out) {
        int k = in.k();
        for (long first = fromRow; first < toRow; first += rowsPerBlock) {
            int rows = (int) Math.min(rowsPerBlock, toRow - first);
            for (int r = 0; r < rows; r++) {
                long offset = in.rowOffset(first + r);
                HalfWidening.widenLoop(in.p(), offset, in.dtype(), k, p, r * k);
                HalfWidening.widenLoop(in.q(), offset, in.dtype(), k, q, r * k);
            }
            try {
                pass.score(0, rows, out.startingAt(first));
            } catch (InvalidRowException e) {
                throw e.at(e.file(), e.row() + first);
            }
        }
    }
}
