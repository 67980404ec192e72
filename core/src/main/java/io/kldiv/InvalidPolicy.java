package io.kldiv;

/** What scoring does with a row whose values break its input form. */
public enum InvalidPolicy implements Named {
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

    @Override
    public String id() {
        return id;
    }

    public static InvalidPolicy byId(String name) {
        return Named.byId(InvalidPolicy.class, name, "invalid-row policy");
    }

    @Override
    public String toString() {
        return id;
    }
}
