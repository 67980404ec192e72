package io.kldiv;

/** The element type of a column of probabilities, log-probabilities or logits. */
public enum Dtype implements Named {
    FLOAT32("float32", 4, 1e-4),
    FLOAT64("float64", 8, 1e-9);

    private final String id;
    private final int bytes;
    private final double defaultSumTolerance;

    Dtype(String id, int bytes, double defaultSumTolerance) {
        this.id = id;
        this.bytes = bytes;
        this.defaultSumTolerance = defaultSumTolerance;
    }

    @Override
    public String id() {
        return id;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /**
     * How far a probability row's sum (or a log-probability row's logsumexp) may stray from 1 (from 0) by
     * default: the rounding a well-formed row of this type picks up when it is produced.
     */
    public double defaultSumTolerance() {
        return defaultSumTolerance;
    }

    public static Dtype byId(String name) {
        return Named.byId(Dtype.class, name, "dtype");
    }

    @Override
    public String toString() {
        return id;
    }
}
