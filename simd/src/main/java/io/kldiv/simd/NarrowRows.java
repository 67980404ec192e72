package io.kldiv.simd;

import static io.kldiv.simd.Species.LANES;

import io.kldiv.ScoreOptions;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import java.lang.foreign.MemorySegment;

/**
 * Short rows (classifier outputs, K ≤ {@link SimdKernel#NARROW_K}): vectorized across rows. {@link Species#LANES}
 * rows at a time are transposed into a tile, category-major, so that lane r holds row r and the same sides and
 * terms run over the tile as over one long row. Every lane does the same lanewise work, so a row's result does
 * not depend on which lane or tile it landed in; lanes past the last row repeat the tile's first row.
 */
final class NarrowRows extends RowPass {
    private final MemorySegment tileP;
    private final MemorySegment tileQ;
    /** The tile's rows as stored, row-major, k values each: what the bulk copy fills and the transpose reads. */
    private final MemorySegment rows;
    private final float[] rowFloats;
    private final double[] rowDoubles;
    // The tiles' storage: float32 or float64, whichever the columns are; the segments above wrap them.
    private final float[] tilePFloats;
    private final float[] tileQFloats;
    private final double[] tilePDoubles;
    private final double[] tileQDoubles;

    NarrowRows(PairRows in, ScoreOptions options) {
        super(in, options, true);
        int size = in.k() * LANES;
        tilePFloats = p.float32 ? new float[size] : null;
        tileQFloats = p.float32 ? new float[size] : null;
        tilePDoubles = p.float32 ? null : new double[size];
        tileQDoubles = p.float32 ? null : new double[size];
        tileP = p.float32 ? MemorySegment.ofArray(tilePFloats) : MemorySegment.ofArray(tilePDoubles);
        tileQ = p.float32 ? MemorySegment.ofArray(tileQFloats) : MemorySegment.ofArray(tileQDoubles);
        rowFloats = p.float32 ? new float[size] : null;
        rowDoubles = p.float32 ? null : new double[size];
        rows = p.float32 ? MemorySegment.ofArray(rowFloats) : MemorySegment.ofArray(rowDoubles);
    }

    @Override
    void score(long fromRow, long toRow, ResultColumns out) {
        int count = in.k() * LANES;
        for (long first = fromRow; first < toRow; first += LANES) {
            int rows = (int) Math.min(LANES, toRow - first);
            transpose(in.p(), first, rows, tilePFloats, tilePDoubles);
            transpose(in.q(), first, rows, tileQFloats, tileQDoubles);
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

    /**
     * Copies the tile's rows in bulk (one copy when they are contiguous), then transposes between Java arrays:
     * element-wise segment reads and writes, each with its own checks, cost more than the kernel's arithmetic.
     */
    private void transpose(MemorySegment values, long first, int count, float[] tileFloats, double[] tileDoubles) {
        int k = in.k();
        long bytes = p.bytes();
        if (in.rowStride() == k) {
            MemorySegment.copy(values, in.rowOffset(first), rows, 0, count * k * bytes);
        } else {
            for (int r = 0; r < count; r++) {
                MemorySegment.copy(values, in.rowOffset(first + r), rows, r * k * bytes, k * bytes);
            }
        }
        if (p.float32) {
            transposeFloats(k, count, tileFloats);
        } else {
            transposeDoubles(k, count, tileDoubles);
        }
    }

    /** Lane r gets row r; lanes past the last row repeat the first. */
    private void transposeFloats(int k, int count, float[] to) {
        float[] from = rowFloats;
        for (int r = 0; r < LANES; r++) {
            int base = (r < count ? r : 0) * k;
            for (int i = 0; i < k; i++) {
                to[i * LANES + r] = from[base + i];
            }
        }
    }

    private void transposeDoubles(int k, int count, double[] to) {
        double[] from = rowDoubles;
        for (int r = 0; r < LANES; r++) {
            int base = (r < count ? r : 0) * k;
            for (int i = 0; i < k; i++) {
                to[i * LANES + r] = from[base + i];
            }
        }
    }
}
