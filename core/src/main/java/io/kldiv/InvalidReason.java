package io.kldiv;

/** Why a row is not a valid distribution in its input form (SEMANTICS.md, "Bad input"). */
public enum InvalidReason {
    NAN("nan", "value is NaN"),
    NEGATIVE("negative", "probability is negative"),
    POSITIVE_INFINITY("positive_infinity", "value is +inf"),
    NEGATIVE_INFINITY("negative_infinity", "probability is -inf"),
    SUM_NOT_ONE("sum_not_one", "row does not sum to 1"),
    SUM_NOT_POSITIVE("sum_not_positive", "row sum is not positive and finite, cannot normalize"),
    LOGSUMEXP_NOT_ZERO("logsumexp_not_zero", "logsumexp of the log-probability row is not 0"),
    ALL_MASKED("all_masked", "every logit of the row is -inf"),
    LENGTH_MISMATCH("length_mismatch", "p and q rows have different lengths");

    private final String key;
    private final String description;

    InvalidReason(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** A stable identifier for counts in reports, e.g. {@code sum_not_one}. */
    public String key() {
        return key;
    }

    /** A short human phrase. */
    public String description() {
        return description;
    }
}
