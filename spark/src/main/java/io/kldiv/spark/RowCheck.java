package io.kldiv.spark;

import io.kldiv.InvalidReason;
import io.kldiv.InvalidRowException;
import io.kldiv.kernel.RowStatus;
import org.apache.spark.TaskContext;

/** Whether a pair of sides can go to a kernel at all, and the error for one that cannot under policy {@code error}. */
final class RowCheck {
    private RowCheck() {
    }

    /** {@link RowStatus#VALID} when the pair can be scored, else the row's outcome (p's problem first). */
    static byte check(SideView p, SideView q) {
        if (p.problem == InputProblem.NULL_INPUT || q.problem == InputProblem.NULL_INPUT) {
            return RowOutcome.of(InputProblem.NULL_INPUT);
        }
        if (p.problem != null) {
            return RowOutcome.of(p.problem);
        }
        if (q.problem != null) {
            return RowOutcome.of(q.problem);
        }
        if (p.length != q.length) {
            return RowStatus.of(InvalidReason.LENGTH_MISMATCH);
        }
        if (p.length == 0) {
            return RowOutcome.of(InputProblem.EMPTY_ROW);
        }
        return RowStatus.VALID;
    }

    /** The error a row with this outcome raises under policy {@code error}; null when it raises none (null input). */
    static RuntimeException error(byte outcome, SideView p, SideView q, String where, long row) {
        InputProblem problem = RowOutcome.problem(outcome);
        if (problem == null) {
            return new InvalidRowException(InvalidReason.LENGTH_MISMATCH, null, InvalidRowException.WHOLE_ROW,
                    "p has " + p.length + " categories, q has " + q.length).at(where, row);
        }
        return switch (problem) {
            case NULL_INPUT -> null;
            case EMPTY_ROW -> new InputProblemException(problem, where, row, null, -1);
            default -> {
                SideView side = p.problem != null ? p : q;
                yield new InputProblemException(problem, where, row, side == p ? "p" : "q", side.problemIndex);
            }
        };
    }

    /** How messages name the place of a row: the task's partition (or the driver, when Spark folds constants). */
    static String where() {
        TaskContext task = TaskContext.get();
        return task == null ? "driver" : "partition " + task.partitionId();
    }
}
