package io.kldiv.kernel;

import io.kldiv.Dtype;
import java.lang.foreign.MemorySegment;

/**
 * The input of a kernel: rows of p and rows of q, each {@code k} values of {@code dtype}, row {@code r} starting
 * at element {@code r * rowStride} of its segment. Segments may be off-heap (allocated or mapped) or on-heap
 * (arrays); values are read in native (little-endian) order, aligned or not.
 *
 * @param p         p's values
 * @param q         q's values
 * @param dtype     the element type of both segments
 * @param k         categories per row, ≥ 1
 * @param rowStride elements from one row's start to the next, ≥ k
 * @param rows      the number of rows
 */
public record PairRows(MemorySegment p, MemorySegment q, Dtype dtype, int k, long rowStride, long rows) {

    public PairRows {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (rowStride < k) {
            throw new IllegalArgumentException("row stride " + rowStride + " is shorter than k = " + k);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        long needed = rows == 0 ? 0 : Math.multiplyExact(Math.multiplyExact(rows - 1, rowStride) + k, (long) dtype.bytes());
        if (p.byteSize() < needed || q.byteSize() < needed) {
            throw new IllegalArgumentException("segments hold " + p.byteSize() + " and " + q.byteSize()
                    + " bytes, " + rows + " rows of k = " + k + " " + dtype + " need " + needed);
        }
    }

    /** Contiguous rows: row stride = k. */
    public static PairRows contiguous(MemorySegment p, MemorySegment q, Dtype dtype, int k, long rows) {
        return new PairRows(p, q, dtype, k, k, rows);
    }

    /** Byte offset of row {@code r}'s first value in either segment. */
    public long rowOffset(long r) {
        return r * rowStride * dtype.bytes();
    }

    /** Bytes of p and q one full pass over all rows reads. */
    public long bytesScanned() {
        return 2L * rows * k * dtype.bytes();
    }
}
