package io.kldiv.io;

import io.kldiv.store.PairTable;
import java.io.IOException;
import java.nio.file.Path;

/** Two mapped matrices, p and q, side by side as a {@link PairTable}: scoring them needs no import. */
public final class MatrixPair {
    private MatrixPair() {
    }

    /** Opens one side; the reader's own format exception on damage. */
    public interface Opening {
        MappedMatrix open() throws IOException;
    }

    /** The reader's format exception for a problem found in {@code file}. */
    public interface FormatError {
        IOException at(Path file, String problem);
    }

    /**
     * Opens p, then q, and checks they have the same shape and dtype ({@code error} otherwise). Closing the
     * table unmaps both; on any failure whatever was opened is closed again.
     */
    public static PairTable open(Opening pSide, Opening qSide, FormatError error) throws IOException {
        MappedMatrix p = pSide.open();
        try {
            MappedMatrix q = qSide.open();
            try {
                checkSameShape(p, q, error);
                return PairTable.over(p.source() + " + " + q.source(), p.dtype(), p.cols(), p.rows(), p.data(),
                        q.data(), p, q);
            } catch (IOException | RuntimeException e) {
                q.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    public static void checkSameShape(MappedMatrix p, MappedMatrix q, FormatError error) throws IOException {
        if (p.rows() != q.rows() || p.cols() != q.cols()) {
            throw error.at(q.file(), "shape (" + q.rows() + ", " + q.cols() + ") does not match " + p.source()
                    + " with shape (" + p.rows() + ", " + p.cols() + "); p and q must have the same shape");
        }
        if (p.dtype() != q.dtype()) {
            throw error.at(q.file(), "dtype " + q.dtype() + " does not match " + p.source() + " with dtype "
                    + p.dtype() + "; p and q must have the same dtype");
        }
    }
}
