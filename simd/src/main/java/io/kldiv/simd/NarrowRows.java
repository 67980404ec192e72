package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.FLOATS;
import static io.kldiv.simd.Species.LANES;

import io.kldiv.Dtype;
import io.kldiv.ScoreOptions;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Short rows (classifier outputs, K ≤ {@link SimdKernel#NARROW_K}): vectorized across rows. {@link Species#LANES}
 * rows at a time are transposed into a tile, category-major, so that lane r holds row r and the same sides and
 * terms run over the tile as over one long row. Every lane does the same lanewise work, so a row's result does
 * not depend on which lane or tile it landed in; lanes past the last row repeat the tile's first row. Float32
 * rows are widened as they are transposed, so the sides only ever see float64 tiles: one code path per side.
 */
final class NarrowRows extends RowPass {
    private final MemorySegment tileP;
    private final MemorySegment tileQ;
    /** The tile's rows as stored, row-major, k values each: what the bulk copy fills and the transpose reads. */
    private final MemorySegment rows;
    private final float[] rowFloats;
    private final double[] rowDoubles;
    // The tiles' storage, always float64; the segments above wrap them.
    private final double[] tilePDoubles;
    private final double[] tileQDoubles;
    /** For each tile position (category-major), where its value sits in {@link #rows}: a full tile's gather map. */
    private final int[] fullTile;
    /** The same for a short last tile, whose missing lanes repeat row 0. */
    private final int[] shortTile;

    NarrowRows(PairRows in, ScoreOptions options) {
        super(in, options, true, Dtype.FLOAT64);
        int size = in.k() * LANES;
        tilePDoubles = new double[size];
        tileQDoubles = new double[size];
        tileP = MemorySegment.ofArray(tilePDoubles);
        tileQ = MemorySegment.ofArray(tileQDoubles);
        fullTile = new int[size];
        shortTile = new int[size];
        gatherMap(fullTile, LANES);
        boolean float32 = in.dtype() == Dtype.FLOAT32;
        rowFloats = float32 ? new float[size] : null;
        rowDoubles = float32 ? null : new double[size];
        rows = float32 ? MemorySegment.ofArray(rowFloats) : MemorySegment.ofArray(rowDoubles);
    }

    @Override
    void score(long fromRow, long toRow, ResultColumns out) {
        int count = in.k() * LANES;
        for (long first = fromRow; first < toRow; first += LANES) {
            int rows = (int) Math.min(LANES, toRow - first);
            if (rows < LANES) {
                gatherMap(shortTile, rows);
            }
            transpose(in.p(), first, rows, tilePDoubles);
            transpose(in.q(), first, rows, tileQDoubles);
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
     * Copies the tile's rows in bulk (one copy when they are contiguous), then transposes between Java arrays by
     * vector gathers through a precomputed map: element-wise segment reads and writes, each with its own checks,
     * cost more than the kernel's arithmetic, and a scalar transpose still takes a third of a K = 4 pass.
     */
    private void transpose(MemorySegment values, long first, int count, double[] tile) {
        int k = in.k();
        long bytes = in.dtype().bytes();
        if (in.rowStride() == k) {
            MemorySegment.copy(values, in.rowOffset(first), rows, 0, count * k * bytes);
        } else {
            for (int r = 0; r < count; r++) {
                MemorySegment.copy(values, in.rowOffset(first + r), rows, r * k * bytes, k * bytes);
            }
        }
        if (rowFloats != null) {
            transposeFloats(k, count, tile);
        } else {
            transposeDoubles(k, count, tile);
        }
    }

    /** Lane r gets row r; lanes past the last row ({@code count} and on) repeat the first. */
    private void gatherMap(int[] map, int count) {
        int k = in.k();
        for (int i = 0; i < k; i++) {
            for (int r = 0; r < LANES; r++) {
                map[i * LANES + r] = (r < count ? r : 0) * k + i;
            }
        }
    }

    /** Whole float vectors by gather, widened in two halves; the last part of one (odd k) value by value. */
    private void transposeFloats(int k, int count, double[] to) {
        float[] from = rowFloats;
        int[] map = count == LANES ? fullTile : shortTile;
        int size = k * LANES;
        int whole = FLOATS.loopBound(size);
        int t = 0;
        for (; t < whole; t += FLOATS.length()) {
            FloatVector x = FloatVector.fromArray(FLOATS, from, 0, map, t);
            ((DoubleVector) x.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(to, t);
            ((DoubleVector) x.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(to, t + LANES);
        }
        for (; t < size; t++) {
            to[t] = from[map[t]];
        }
    }

    private void transposeDoubles(int k, int count, double[] to) {
        double[] from = rowDoubles;
        int[] map = count == LANES ? fullTile : shortTile;
        int size = k * LANES;
        for (int t = 0; t < size; t += LANES) {
            DoubleVector.fromArray(DOUBLES, from, 0, map, t).intoArray(to, t);
        }
    }
}
