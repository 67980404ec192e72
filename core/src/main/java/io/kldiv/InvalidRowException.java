package io.kldiv;

/**
 * A row that breaks its input form. The message names, as far as they are known, the file, the row, the
 * side, the category and the reason, e.g. {@code p.npy: row 17: p category 3: value is NaN}.
 */
public final class InvalidRowException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The category is not one index (a row sum, a length). */
    public static final long WHOLE_ROW = -1;
    /** The row index is not known (a single row scored on its own). */
    public static final long UNKNOWN_ROW = -1;

    private final InvalidReason reason;
    private final String side;
    private final long category;
    private final String detail;
    private final String file;
    private final long row;

    public InvalidRowException(InvalidReason reason, String side, long category, String detail) {
        this(reason, side, category, detail, null, UNKNOWN_ROW);
    }

    private InvalidRowException(InvalidReason reason, String side, long category, String detail, String file, long row) {
        super(format(reason, side, category, detail, file, row));
        this.reason = reason;
        this.side = side;
        this.category = category;
        this.detail = detail;
        this.file = file;
        this.row = row;
    }

    /** The same error, located in a file (may be null) at a row. */
    public InvalidRowException at(String file, long row) {
        return new InvalidRowException(reason, side, category, detail, file, row);
    }

    public InvalidReason reason() {
        return reason;
    }

    /** {@code p} or {@code q}; null when the reason concerns both sides. */
    public String side() {
        return side;
    }

    public long category() {
        return category;
    }

    public long row() {
        return row;
    }

    public String file() {
        return file;
    }

    private static String format(InvalidReason reason, String side, long category, String detail, String file, long row) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file).append(": ");
        }
        if (row != UNKNOWN_ROW) {
            sb.append("row ").append(row).append(": ");
        }
        if (side != null) {
            sb.append(side).append(' ');
        }
        if (category != WHOLE_ROW) {
            sb.append("category ").append(category).append(": ");
        } else if (side != null) {
            sb.append("row: ");
        }
        sb.append(reason.description());
        if (detail != null && !detail.isEmpty()) {
            sb.append(" (").append(detail).append(')');
        }
        return sb.toString();
    }
}
