package io.kldiv;

/** The element type of a column of probabilities, log-probabilities or logits. */
public enum Dtype implements Named {
    FLOAT32("float32", 4, 1e-4),
    FLOAT64("float64", 8, 1e-9),
    /*
     * Half-precision tolerances: rounding to half precision moves each value by up to u relative (2^-9 for
     * bfloat16, 2^-11 for float16), so a probability row's sum by up to u, but a log-probability row's
     * logsumexp by up to u·H(p) ≤ u·ln K: 0.023 (bfloat16) and 0.006 (float16) for K = 150k. The defaults
     * cover that worst case for vocabularies up to about 150k (float16 subnormals add at most 2^-25 each).
     */
    BFLOAT16("bfloat16", 2, 3e-2),
    FLOAT16("float16", 2, 1e-2);

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

    /** True for the 2-byte types, whose values the kernels widen exactly to float32 before any arithmetic. */
    public boolean isHalf() {
        return bytes == 2;
    }

    /**
     * The type the kernels compute in for this column type: float32 for the half types (every half value is a
     * float32), else the type itself. Accuracy bounds for a half column are those of this type.
     */
    public Dtype computeType() {
        return isHalf() ? FLOAT32 : this;
    }

    public static Dtype byId(String name) {
        return Named.byId(Dtype.class, name, "dtype");
    }

    @Override
    public String toString() {
        return id;
    }
}
