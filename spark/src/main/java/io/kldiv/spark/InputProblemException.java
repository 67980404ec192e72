package io.kldiv.spark;

/**
 * A row whose Spark value cannot be scored at all (a null element, an empty row, a binary value of a bad length)
 * under policy {@code error}. The message has the shape of core's {@link io.kldiv.InvalidRowException}:
 * {@code partition 3: row 17: p category 2: element is null}.
 */
public final class InputProblemException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final InputProblem problem;

    InputProblemException(InputProblem problem, String where, long row, String side, int category) {
        super(where + ": row " + row + ": " + (side == null ? "" : side + " ")
                + (category >= 0 ? "category " + category + ": " : side == null ? "" : "row: ") + problem.description());
        this.problem = problem;
    }

    public InputProblem problem() {
        return problem;
    }
}
