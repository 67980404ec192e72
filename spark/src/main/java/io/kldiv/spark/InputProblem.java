package io.kldiv.spark;

/**
 * What can be wrong with a row before any value is looked at, in Spark's types: things a kernel never sees. Values
 * that break their input form are core's {@link io.kldiv.InvalidReason}s instead.
 */
public enum InputProblem {
    /** p or q is null: SQL's convention, null in, null out, under every policy (not an error). */
    NULL_INPUT("null_input", "array is null"),
    /** An element of the array is null: no probability to score. */
    NULL_ELEMENT("null_element", "element is null"),
    /** Both rows are empty: no distribution. */
    EMPTY_ROW("empty_row", "row is empty"),
    /** A binary value whose length is not a multiple of the element size. */
    BINARY_LENGTH("binary_length", "binary length is not a multiple of the element size");

    private final String key;
    private final String description;

    InputProblem(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The status string a row gets, e.g. {@code null_element}. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }
}
