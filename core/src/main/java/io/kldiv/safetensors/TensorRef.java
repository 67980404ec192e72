package io.kldiv.safetensors;

import java.nio.file.Path;

/**
 * A tensor as the command line names it: {@code FILE.safetensors:TENSOR}, or just {@code FILE.safetensors}
 * for a file with one 2-D or 3-D tensor ({@link #tensor()} null).
 */
public record TensorRef(Path file, String tensor) {
    public static final String EXTENSION = ".safetensors";

    /** True when {@code arg} names a safetensors file, with or without a tensor. */
    public static boolean matches(String arg) {
        return arg.endsWith(EXTENSION) || arg.contains(EXTENSION + ":");
    }

    /** Splits at the last ":" after ".safetensors"; tensor names may themselves contain ":" or ".". */
    public static TensorRef parse(String arg) {
        int at = arg.indexOf(EXTENSION + ":");
        if (at < 0 || arg.endsWith(EXTENSION)) {
            return new TensorRef(Path.of(arg), null);
        }
        int split = at + EXTENSION.length();
        return new TensorRef(Path.of(arg.substring(0, split)), arg.substring(split + 1));
    }
}
