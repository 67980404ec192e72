package io.kldiv.simd;

import static io.kldiv.simd.Species.LANES;

import io.kldiv.ScoreOptions;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Short rows (classifier outputs, K ≤ {@link SimdKernel#NARROW_K}): vectorized across rows. {@link Species#LANES}
 * rows at a time are transposed into a tile, category-major, so that lane r holds row r and the same sides and
 * terms run over the tile as over one long row. Every lane does the same lanewise work, so a row's result does
 * not depend on which lane or tile it landed in; lanes past the last row repeat the tile's first row.
 */
final class NarrowRows extends RowPass {
    private final MemorySegment tileP;
    private final MemorySegment tileQ;

    NarrowRows(PairRows in, ScoreOptions options) {
        super(in, options, true);
        int size = in.k() * LANES;
        tileP = p.float32 ? MemorySegment.ofArray(new float[size]) : MemorySegment.ofArray(new double[size]);
        tileQ = p.float32 ? MemorySegment.ofArray(new float[size]) : MemorySegment.ofArray(new double[size]);
    }

    @Override
    void score(long fromRow, long toRow, ResultColumns out) {
        int count = in.k() * LANES;
        for (long first = fromRow; first < toRow; first += LANES) {
            int rows = (int) Math.min(LANES, toRow - first);
            transpose(in.p(), first, rows, tileP);
            transpose(in.q(), first, rows, tileQ);
            p.begin(tileP, 0, count);
            q.begin(tileQ, 0, count);
            startTerms();
            p.decode(tileP, 0, count, block.p, block.lnP);
            q.decode(tileQ, 0, count, block.q, block.lnQ);
            addTerms(count);
            long valid = p.validLanes() & q.validLanes();
            for (int r = 0; r < rows; r++) {
                finish(first + r, (valid >>> r & 1L) != 0, r, out);
            }
        }
    }

    private void transpose(MemorySegment values, long first, int rows, MemorySegment tile) {
        int k = in.k();
        for (int r = 0; r < LANES; r++) {
            long offset = in.rowOffset(first + (r < rows ? r : 0));
            if (p.float32) {
                for (int i = 0; i < k; i++) {
                    tile.setAtIndex(ValueLayout.JAVA_FLOAT, (long) i * LANES + r,
                            values.get(ValueLayout.JAVA_FLOAT_UNALIGNED, offset + (long) i * Float.BYTES));
                }
            } else {
                for (int i = 0; i < k; i++) {
                    tile.setAtIndex(ValueLayout.JAVA_DOUBLE, (long) i * LANES + r,
                            values.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, offset + (long) i * Double.BYTES));
                }
            }
        }
    }
}
