package io.kldiv.bench;

import io.kldiv.ScoreOptions;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.kernel.RowStatus;
import io.kldiv.kernel.RowValues;
import io.kldiv.reference.Reference;

/**
 * The reference as the {@code reference} row of a benchmark: {@link Reference#score} per row on double[] copies
 * of one {@link PairRows}' rows, made once in the constructor so the timed pass is the oracle's arithmetic alone.
 * Only for in-cache working sets: over 1 GiB it would take minutes per pass.
 */
final class ReferenceKernel implements Kernel {
    private final PairRows rows;
    private final double[][] p;
    private final double[][] q;

    ReferenceKernel(PairRows rows) {
        if (rows.rows() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the reference runs on in-cache working sets only, got " + rows.rows() + " rows");
        }
        this.rows = rows;
        int n = (int) rows.rows();
        p = new double[n][rows.k()];
        q = new double[n][rows.k()];
        RowValues reader = new RowValues(rows.dtype(), rows.k());
        for (int r = 0; r < n; r++) {
            reader.read(rows.p(), rows.rowOffset(r), p[r]);
            reader.read(rows.q(), rows.rowOffset(r), q[r]);
        }
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public void score(PairRows in, ScoreOptions options, long fromRow, long toRow, ResultColumns out) {
        if (in != rows) {
            throw new IllegalArgumentException("this reference holds copies of other rows");
        }
        for (int r = (int) fromRow; r < toRow; r++) {
            double[] results = Reference.score(options, p[r], q[r], in.dtype());
            for (int m = 0; m < results.length; m++) {
                out.set(m, r, results[m]);
            }
            out.setStatus(r, RowStatus.VALID);
        }
    }
}
