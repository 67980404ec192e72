package io.kldiv.npy;

import io.kldiv.store.PairTable;
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
        NpyArray p = NpyArray.open(pFile);
        try {
            NpyArray q = NpyArray.open(qFile);
            try {
                checkSameShape(p, q);
                return PairTable.over(pFile + " + " + qFile, p.dtype(), p.cols(), p.rows(), p.data(), q.data(), p, q);
            } catch (IOException | RuntimeException e) {
                q.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    static void checkSameShape(NpyArray p, NpyArray q) throws NpyFormatException {
        if (p.rows() != q.rows() || p.cols() != q.cols()) {
            throw new NpyFormatException(q.file(), "shape (" + q.rows() + ", " + q.cols() + ") does not match "
                    + p.file() + " with shape (" + p.rows() + ", " + p.cols() + "); p and q must have the same shape");
        }
        if (p.dtype() != q.dtype()) {
            throw new NpyFormatException(q.file(), "dtype " + q.dtype() + " does not match " + p.file()
                    + " with dtype " + p.dtype() + "; p and q must have the same dtype");
        }
    }
}
