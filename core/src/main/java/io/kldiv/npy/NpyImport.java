package io.kldiv.npy;

import io.kldiv.io.MatrixImport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Imports a pair of .npy arrays (p and q, same shape and dtype) into a table file. Both inputs are mapped and
 * copied into the mapped output a chunk at a time, so the Java heap holds neither.
 */
public final class NpyImport {
    private NpyImport() {
    }

    /**
     * Writes the table file {@code destination} from {@code pFile} and {@code qFile}, atomically.
     *
     * @throws NpyFormatException if either file is unsupported or damaged, or their shapes or dtypes differ
     */
    public static Path importPair(Path pFile, Path qFile, Path destination) throws IOException {
        try (NpyArray p = NpyArray.open(pFile); NpyArray q = NpyArray.open(qFile)) {
            return MatrixImport.importPair(p, q, destination, NpyFormatException::new);
        }
    }
}
