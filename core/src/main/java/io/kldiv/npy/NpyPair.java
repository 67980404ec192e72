package io.kldiv.npy;

import io.kldiv.store.PairTable;
import io.kldiv.io.MatrixPair;
import java.io.IOException;
import java.nio.file.Path;

/** Two .npy files, p and q, mapped side by side as a {@link PairTable}: scoring them needs no import. */
public final class NpyPair {
    private NpyPair() {
    }

    /**
     * Maps both files read-only. The table's result columns are off-heap memory of its own; closing the table
     * unmaps the files.
     *
     * @throws NpyFormatException if either file is unsupported or damaged, or their shapes or dtypes differ
     */
    public static PairTable open(Path pFile, Path qFile) throws IOException {
        return MatrixPair.open(() -> NpyArray.open(pFile), () -> NpyArray.open(qFile), NpyFormatException::new);
    }
}
