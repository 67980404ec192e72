package io.kldiv.spark;

import io.kldiv.InvalidReason;
import io.kldiv.kernel.RowStatus;

/**
 * One status byte per row for every outcome: core's {@link RowStatus} codes (valid, or an invalid reason found by the
 * kernel) and, above them, the {@link InputProblem}s found while reading Spark's values.
 */
final class RowOutcome {
    static final String VALID = "valid";
    private static final int PROBLEM_BASE = 64;

    private RowOutcome() {
    }

    static byte of(InputProblem problem) {
        return (byte) (PROBLEM_BASE + problem.ordinal());
    }

    /** Null when the byte is a kernel status (valid or an invalid reason). */
    static InputProblem problem(byte status) {
        return status >= PROBLEM_BASE ? InputProblem.values()[status - PROBLEM_BASE] : null;
    }

    /** The status string: {@code valid}, an invalid reason's key ({@code sum_not_one}) or a problem's key. */
    static String name(byte status) {
        InputProblem problem = problem(status);
        if (problem != null) {
            return problem.key();
        }
        InvalidReason reason = RowStatus.reason(status);
        return reason == null ? VALID : reason.key();
    }
}
