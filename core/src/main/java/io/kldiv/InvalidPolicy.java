package io.kldiv;

import java.util.Locale;

/** What scoring does with a row whose values break its input form. */
public enum InvalidPolicy {
    /** Stop the job with an error naming the row, the category and the reason. */
    ERROR("error"),
    /** The row's results are NaN; the job counts such rows by reason. */
    NAN("nan"),
    /** The row is left out of results and aggregates; the job counts such rows by reason. */
    SKIP("skip");

    private final String id;

    InvalidPolicy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static InvalidPolicy byId(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (InvalidPolicy p : values()) {
            if (p.id.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown invalid-row policy '" + name + "'; expected error, nan or skip");
    }

    @Override
    public String toString() {
        return id;
    }
}
