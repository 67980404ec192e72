package io.kldiv.simd;

/**
 * What this JVM offers the SIMD kernel, gathered without touching a Vector API type, and the one rule that
 * decides from it whether the kernel may run. Kept apart from the probing so the rule can be tested with
 * any facts.
 *
 * @param vectorModule  null when {@code jdk.incubator.vector} is readable, else why not
 * @param compiler      null when C2 compiles hot code, else what runs instead
 * @param width         the requested species width in bits; 0 means "the preferred one"
 */
record SimdEnvironment(String vectorModule, String compiler, int width) {

    /** The narrowest species the kernel is worth running on: below it scalar code is as fast. */
    static final int MIN_BITS = 256;

    /**
     * Why the kernel cannot run with these facts and a machine whose preferred species has
     * {@code preferredBits}, or null when it can. {@code preferredBits} is asked for only when the module is
     * readable, since finding it out loads Vector API classes.
     */
    String whyNot(java.util.function.IntSupplier preferredBits) {
        if (vectorModule != null) {
            return vectorModule;
        }
        if (compiler != null) {
            return "the Vector API is only fast under C2, and " + compiler;
        }
        int preferred = preferredBits.getAsInt();
        if (preferred < MIN_BITS) {
            return "the preferred vector species is " + preferred + " bits, below " + MIN_BITS;
        }
        if (width != 0 && width > preferred) {
            return "-D" + VectorWidth.PROPERTY + "=" + width + " is wider than this machine's " + preferred + "-bit vectors";
        }
        return null;
    }
}
