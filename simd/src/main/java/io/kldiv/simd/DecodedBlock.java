package io.kldiv.simd;

import static io.kldiv.simd.Species.LANES;

/**
 * One block of both sides decoded: p, ln p, q, ln q. Small enough to stay in L1 between the sides writing it and
 * the terms reading it, which is what lets any side be combined with any term at no measurable cost.
 */
final class DecodedBlock {
    /** Values per block for a wide row; a narrow tile (≤ 32 categories × LANES rows) always fits. */
    static final int SIZE = 512;

    // Room for a float decoder's last step of two vectors past the block's end.
    final double[] p = new double[SIZE + 2 * LANES];
    final double[] lnP = new double[SIZE + 2 * LANES];
    final double[] q = new double[SIZE + 2 * LANES];
    final double[] lnQ = new double[SIZE + 2 * LANES];

    /** {@code count} rounded up to whole vectors: how far the decoders padded. */
    static int padded(int count) {
        return (count + LANES - 1) / LANES * LANES;
    }
}
