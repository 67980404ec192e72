package io.kldiv;

import java.util.Locale;

/** The element type of a column of probabilities, log-probabilities or logits. */
public enum Dtype {
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
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Dtype d : values()) {
            if (d.id.equals(wanted)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + name + "'; expected float32 or float64");
    }

    @Override
    public String toString() {
        return id;
    }
}
