package io.kldiv;

/** The measures of the KL family that kldiv computes; the names are the ones used by the API and the CLI. */
public enum Measure implements Named {
    /** Forward KL, Σ p·ln(p/q). */
    KL("kl"),
    /** Reverse KL, Σ q·ln(q/p). */
    REVERSE_KL("reverse-kl"),
    /** Jeffreys divergence, KL(p‖q) + KL(q‖p). */
    JEFFREYS("jeffreys"),
    /** Jensen–Shannon divergence, ½KL(p‖m) + ½KL(q‖m) with m = (p+q)/2. */
    JS("js"),
    /** Jensen–Shannon distance, the square root of the divergence in the chosen base. */
    JS_DISTANCE("js-distance"),
    /** Cross-entropy, −Σ p·ln q. */
    CROSS_ENTROPY("cross-entropy"),
    /** Entropy of p, −Σ p·ln p. */
    ENTROPY_P("entropy-p"),
    /** Entropy of q, −Σ q·ln q. */
    ENTROPY_Q("entropy-q");

    private final String id;

    Measure(String id) {
        this.id = id;
    }

    /** The name used in the API, the CLI and output headers, e.g. {@code reverse-kl}. */
    @Override
    public String id() {
        return id;
    }

    /** The measure with the given name; the error lists the valid names. */
    public static Measure byId(String name) {
        return Named.byId(Measure.class, name, "measure");
    }

    @Override
    public String toString() {
        return id;
    }
}
