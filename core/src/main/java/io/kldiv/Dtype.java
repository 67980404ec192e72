package io.kldiv;

/** The element type of a column of probabilities, log-probabilities or logits. */
public enum Dtype implements Named {
    FLOAT32("float32", 4, 1e-4),
    FLOAT64("float64", 8, 1e-9),
    /*
     * Half-precision tolerances: rounding each of a row's non-negative values changes the sum by at most half
     * an ulp relative (2^-9 for bfloat16, 2^-11 for float16) plus, for float16, up to 2^-25 per subnormal
     * value; the defaults leave about twice that for a row of 32k-150k categories.
     */
    BFLOAT16("bfloat16", 2, 4e-3),
    FLOAT16("float16", 2, 2e-3);

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
