package io.kldiv.simd;

/** The species width a user or a test forces with {@value #PROPERTY}; no Vector API types here. */
final class VectorWidth {
    /** {@code 256} or {@code 512}; unset means the machine's preferred width. */
    static final String PROPERTY = "kldiv.simd.bits";

    private VectorWidth() {
    }

    /**
     * The forced width, or 0 when none is forced.
     *
     * @throws IllegalArgumentException when the property is set to anything but 256 or 512
     */
    static int forced() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return 0;
        }
        return switch (value.trim()) {
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + " must be 256 or 512, got '" + value + "'");
        };
    }
}
