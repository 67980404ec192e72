package io.kldiv.cli;

/** Warns about JDK builds known to be unsafe for kldiv's off-heap work. */
final class JdkCheck {
    /** JDK 25 builds before 25.0.3 have a G1 bug that can corrupt pinned memory. */
    static final Runtime.Version FIRST_SAFE_25 = Runtime.Version.parse("25.0.3");

    private JdkCheck() {
    }

    /** A one-line warning for this JVM, or null when there is nothing to warn about. */
    static String warning(Runtime.Version v) {
        if (v.feature() == 25 && v.compareToIgnoreOptional(FIRST_SAFE_25) < 0) {
            return "warning: JDK " + v + " has a G1 bug that can corrupt pinned memory; use 25.0.3 or later";
        }
        return null;
    }
}
