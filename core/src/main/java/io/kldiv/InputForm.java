package io.kldiv;

/**
 * How one side's stored values encode its distribution. Chosen per side: p may be logits while q is
 * log-probabilities.
 *
 * @param kind        the encoding
 * @param temperature for {@link Kind#LOGITS} only: p = softmax(a / T); 1 for the other kinds
 */
public record InputForm(Kind kind, double temperature) {

    public enum Kind implements Named {
        /** Probabilities: finite, ≥ 0, each row summing to 1 within the tolerance. */
        PROB("prob"),
        /** Probabilities rescaled by their row sum, which must be positive and finite. */
        NORMALIZE("normalize"),
        /** Natural-log probabilities; −inf is probability 0; each row's logsumexp is 0 within the tolerance. */
        LOGPROB("logprob"),
        /** Unnormalized scores turned into probabilities by softmax(a / T); −inf masks a category. */
        LOGITS("logits");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    public static final InputForm PROB = new InputForm(Kind.PROB, 1.0);
    public static final InputForm NORMALIZE = new InputForm(Kind.NORMALIZE, 1.0);
    public static final InputForm LOGPROB = new InputForm(Kind.LOGPROB, 1.0);
    public static final InputForm LOGITS = new InputForm(Kind.LOGITS, 1.0);

    public InputForm {
        if (kind == null) {
            throw new IllegalArgumentException("input form kind is required");
        }
        if (!(temperature > 0.0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number > 0, got " + temperature);
        }
        if (kind != Kind.LOGITS && temperature != 1.0) {
            throw new IllegalArgumentException("a temperature applies to logits only, not to " + kind.id());
        }
    }

    /** Logits with softmax temperature {@code t > 0}. */
    public static InputForm logits(double t) {
        return new InputForm(Kind.LOGITS, t);
    }

    /**
     * True for {@code prob} and {@code normalize}, whose values are probabilities: a log ratio between two such
     * sides is taken from the values, not from two logs (SEMANTICS.md, Accuracy).
     */
    public boolean givesProbabilities() {
        return kind == Kind.PROB || kind == Kind.NORMALIZE;
    }

    /** Parses {@code prob}, {@code normalize}, {@code logprob} or {@code logits}; logits get the given temperature. */
    public static InputForm parse(String name, double logitsTemperature) {
        Kind kind = Named.byId(Kind.class, name, "input form");
        return kind == Kind.LOGITS ? logits(logitsTemperature) : new InputForm(kind, 1.0);
    }

    @Override
    public String toString() {
        return kind == Kind.LOGITS && temperature != 1.0 ? "logits(T=" + temperature + ")" : kind.id();
    }
}
