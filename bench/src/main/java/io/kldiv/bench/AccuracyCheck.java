package io.kldiv.bench;

import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.kernel.RowStatus;
import io.kldiv.kernel.RowValues;
import io.kldiv.reference.AccuracyBound;
import io.kldiv.reference.Distribution;
import io.kldiv.reference.Reference;
import java.util.List;

/**
 * The gate in every benchmark's trial setup: a kernel's results for the benchmark's own data must lie within
 * SEMANTICS.md's accuracy bound of the reference, or the trial fails and no number is reported for it. Every
 * row's status must be valid too: a row the kernel flagged went through the slow path, and a fast path that
 * flags good rows must not be timed as if it were fast.
 */
final class AccuracyCheck {
    private AccuracyCheck() {
    }

    /**
     * Checks rows 0, step, 2·step, … and the last row of {@code out} against the reference.
     *
     * @param what names the benchmark and its parameters in the failure message
     * @throws IllegalStateException at the first row outside the bound, naming row, measure and both values
     */
    static void verify(String what, String kernel, PairRows in, ScoreOptions options, ResultColumns out, long step) {
        for (long r = 0; r < in.rows(); r++) {
            byte status = out.status(r);
            if (status != RowStatus.VALID) {
                throw new IllegalStateException(what + ": kernel " + kernel + " flagged row " + r + " as invalid ("
                        + RowStatus.reason(status) + "); benchmark data must be valid");
            }
        }
        List<Measure> measures = options.measures();
        double tolerance = options.sumTolerance(in.dtype());
        double[] pValues = new double[in.k()];
        double[] qValues = new double[in.k()];
        RowValues reader = new RowValues(in.dtype(), in.k());
        for (long r = 0; r < in.rows(); r = nextSample(r, step, in.rows())) {
            reader.read(in.p(), in.rowOffset(r), pValues);
            reader.read(in.q(), in.rowOffset(r), qValues);
            Distribution p = Reference.resolve(pValues, options.pForm(), tolerance, "p");
            Distribution q = Reference.resolve(qValues, options.qForm(), tolerance, "q");
            for (int m = 0; m < measures.size(); m++) {
                Measure measure = measures.get(m);
                double expected = Reference.score(measure, p, q, options.base());
                double allowed = AccuracyBound.allowedError(measure, p, q, options.base(), expected);
                double actual = out.get(m, r);
                if (!AccuracyBound.accepts(expected, actual, allowed)) {
                    throw new IllegalStateException(String.format(
                            "%s: kernel %s is outside the accuracy bound (SEMANTICS.md, Accuracy) at row %d, %s: got %s,"
                                    + " reference %s, |error| %.3g > allowed %.3g; refusing to time a wrong kernel",
                            what, kernel, r, measure.id(), actual, expected, Math.abs(actual - expected), allowed));
                }
            }
        }
    }

    private static long nextSample(long r, long step, long rows) {
        long next = r + step;
        return next < rows || r == rows - 1 ? next : rows - 1;
    }
}
