package io.kldiv.kernel;

import io.kldiv.InvalidRowException;
import io.kldiv.ScoreOptions;
import io.kldiv.reference.Reference;

/**
 * The slow path for a row a kernel's in-pass check flagged. The fast checks say only "something is off"; the
 * reference then decides, so every kernel reports exactly the reference's reason, category and message, and a
 * row the reference accepts after all (a sum right at the tolerance) is scored by the reference itself.
 */
public final class FlaggedRows {
    private FlaggedRows() {
    }

    /**
     * Settles a flagged row: writes the reference's results, or applies the invalid-row policy.
     *
     * @throws InvalidRowException under policy {@code error}, located at {@code row}
     */
    public static void settle(PairRows in, ScoreOptions options, long row, ResultColumns out) {
        double[] p = new double[in.k()];
        double[] q = new double[in.k()];
        RowValues reader = new RowValues(in.dtype(), in.k());
        reader.read(in.p(), in.rowOffset(row), p);
        reader.read(in.q(), in.rowOffset(row), q);
        double[] results;
        try {
            results = Reference.score(options, p, q, in.dtype());
        } catch (InvalidRowException e) {
            switch (options.onInvalid()) {
                case ERROR -> throw e.at(null, row);
                case NAN, SKIP -> {
                    for (int m = 0; m < options.measures().size(); m++) {
                        out.set(m, row, Double.NaN);
                    }
                    out.setStatus(row, RowStatus.of(e.reason()));
                }
            }
            return;
        }
        for (int m = 0; m < results.length; m++) {
            out.set(m, row, results[m]);
        }
        out.setStatus(row, RowStatus.VALID);
    }
}
