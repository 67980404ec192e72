package io.kldiv;

/**
 * The unit of a result: the base of the logarithm. Results are computed in nats and divided by ln(base).
 *
 * @param base the logarithm base, {@code > 1}; {@link Math#E} for nats
 */
public record LogBase(double base) {
    public static final LogBase NATS = new LogBase(Math.E);
    public static final LogBase BITS = new LogBase(2.0);

    public LogBase {
        if (!(base > 1.0) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("log base must be a finite number > 1, got " + base);
        }
    }

    /** Parses {@code e}, {@code nats}, {@code bits}, or a number > 1 such as {@code 2} or {@code 10}. */
    public static LogBase parse(String text) {
        String t = text.trim();
        switch (t) {
            case "e", "nats" -> {
                return NATS;
            }
            case "bits" -> {
                return BITS;
            }
            default -> {
                double b;
                try {
                    b = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("log base must be e, nats, bits or a number > 1, got '" + text + "'");
                }
                return new LogBase(b);
            }
        }
    }

    /** ln(base): a result in nats divided by this is in this base. */
    public double lnBase() {
        return base == Math.E ? 1.0 : Math.log(base);
    }

    /** Converts a value in nats to this base. */
    public double fromNats(double nats) {
        return base == Math.E ? nats : nats / lnBase();
    }

    /** {@code nats}, {@code bits}, or {@code base 10}. */
    public String label() {
        if (base == Math.E) {
            return "nats";
        }
        if (base == 2.0) {
            return "bits";
        }
        return "base " + (base == Math.rint(base) ? Long.toString((long) base) : Double.toString(base));
    }

    @Override
    public String toString() {
        return label();
    }
}
