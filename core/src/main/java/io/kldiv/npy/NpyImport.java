package io.kldiv.npy;

import io.kldiv.store.TableWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Imports a pair of .npy arrays (p and q, same shape and dtype) into a table file. Both inputs are mapped and
 * copied into the mapped output a chunk at a time, so the Java heap holds neither.
 */
public final class NpyImport {
    /** Rows are copied in chunks of about this many bytes per side; any size streams, this one keeps calls few. */
    private static final long CHUNK_BYTES = 8L << 20;

    private NpyImport() {
    }

    /**
     * Writes the table file {@code destination} from {@code pFile} and {@code qFile}, atomically.
     *
     * @throws NpyFormatException if either file is unsupported or damaged, or their shapes or dtypes differ
     */
    public static Path importPair(Path pFile, Path qFile, Path destination) throws IOException {
        try (NpyArray p = NpyArray.open(pFile); NpyArray q = NpyArray.open(qFile)) {
            NpyPair.checkSameShape(p, q);
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
}
