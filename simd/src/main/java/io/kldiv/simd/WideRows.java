package io.kldiv.simd;

import io.kldiv.ScoreOptions;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;

/**
 * Rows longer than {@link SimdKernel#NARROW_K}: one row at a time, spread over the lanes, in blocks that the
 * sides decode and the terms sum while the block is still in L1.
 */
final class WideRows extends RowPass {

    WideRows(PairRows in, ScoreOptions options) {
        super(in, options, false, in.dtype());
    }

    @Override
    void score(long fromRow, long toRow, ResultColumns out) {
        int k = in.k();
        int bytes = p.bytes();
        for (long row = fromRow; row < toRow; row++) {
            long offset = in.rowOffset(row);
            p.begin(in.p(), offset, k);
            q.begin(in.q(), offset, k);
            startTerms();
            for (int i = 0; i < k; i += DecodedBlock.SIZE) {
                int count = Math.min(DecodedBlock.SIZE, k - i);
                long at = offset + (long) i * bytes;
                p.decode(in.p(), at, count, block.p, block.lnP);
                q.decode(in.q(), at, count, block.q, block.lnQ);
                addTerms(count);
            }
            finish(row, (p.validLanes() & q.validLanes() & 1L) != 0, -1, out);
        }
    }
}
