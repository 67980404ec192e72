package io.kldiv.bench;

import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.KernelChoice;
import io.kldiv.kernel.Kernels;
import java.util.Locale;

/**
 * The {@code impl} axis. {@code simd} is whatever {@link Kernels#best()} returns when its name starts with
 * {@code simd}; on a JVM or machine without one it runs the kernel {@code best()} chose instead, says so on
 * stderr, and the report marks the row (it asks {@link #simdFallback()} in a JVM with the same flags).
 */
public enum Implementation {
    /** SEMANTICS.md as plain double code, one row at a time on heap copies of the rows. */
    REFERENCE,
    SCALAR,
    SIMD;

    public static Implementation byId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kernel behind {@code scalar} or {@code simd}. */
    public Kernel kernel() {
        return switch (this) {
            case REFERENCE -> throw new IllegalStateException("the reference is not a kernel");
            case SCALAR -> Kernels.scalar();
            case SIMD -> {
                String fallback = simdFallback();
                if (fallback != null) {
                    System.err.println("[kldiv-bench] impl=simd runs " + fallback);
                }
                yield Kernels.best().kernel();
            }
        };
    }

    /** Null when a SIMD kernel runs here, else what runs in its place and why. */
    public static String simdFallback() {
        KernelChoice best = Kernels.best();
        return best.kernel().name().startsWith("simd") ? null : best.toString();
    }
}
