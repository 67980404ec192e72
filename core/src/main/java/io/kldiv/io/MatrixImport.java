package io.kldiv.io;

import io.kldiv.store.TableWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes two mapped matrices (p and q) into a table file, copying into the mapped output a chunk at a time, so
 * the Java heap holds neither.
 */
public final class MatrixImport {
    /** Rows are copied in chunks of about this many bytes per side; any size streams, this one keeps calls few. */
    private static final long CHUNK_BYTES = 8L << 20;

    private MatrixImport() {
    }

    /** Checks p and q have the same shape and dtype ({@code error} otherwise), then writes the table atomically. */
    public static Path importPair(MappedMatrix p, MappedMatrix q, Path destination, MatrixPair.FormatError error)
            throws IOException {
        MatrixPair.checkSameShape(p, q, error);
        long rowBytes = (long) p.cols() * p.dtype().bytes();
        long chunkRows = Math.max(1, CHUNK_BYTES / rowBytes);
        try (TableWriter writer = TableWriter.create(destination, p.dtype(), p.cols(), p.rows(), false)) {
            for (long row = 0; row < p.rows(); row += chunkRows) {
                long rows = Math.min(chunkRows, p.rows() - row);
                writer.append(p.data().asSlice(row * rowBytes, rows * rowBytes),
                        q.data().asSlice(row * rowBytes, rows * rowBytes), rows);
            }
            return writer.finish();
        }
    }
}
