package io.kldiv.npy;

/** The one rule two .npy files must meet to be scored or imported as p and q. */
public final class NpyPair {
    private NpyPair() {
    }

    /**
     * @throws NpyFormatException naming q's file, both shapes or dtypes, unless p and q have the same shape and dtype
     */
    public static void requireSameShape(NpyArray p, NpyArray q) throws NpyFormatException {
        if (p.rows() != q.rows() || p.cols() != q.cols()) {
            throw new NpyFormatException(q.file(), "shape (" + q.rows() + ", " + q.cols() + ") does not match "
                    + p.file() + " with shape (" + p.rows() + ", " + p.cols() + "); p and q must have the same shape");
        }
        if (p.dtype() != q.dtype()) {
            throw new NpyFormatException(q.file(), "dtype " + q.dtype() + " does not match " + p.file() + " with dtype "
                    + p.dtype() + "; p and q must have the same dtype");
        }
    }
}
