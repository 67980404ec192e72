package io.kldiv.kernel;

/**
 * A source of faster kernels, found with {@link java.util.ServiceLoader} (the {@code simd} module registers one).
 * Implementations must be loadable on any JVM: whatever links against optional modules is touched only after
 * {@link #unavailableReason()} has said it is safe.
 */
public interface KernelProvider {

    /** A short name, e.g. {@code simd}. */
    String name();

    /** Why this provider cannot run on this JVM and machine, or null when it can. Never throws. */
    String unavailableReason();

    /** The kernel; called only when {@link #unavailableReason()} is null. */
    Kernel create();

    /** One line about what the kernel will use, e.g. the vector width, for {@code kldiv info}. */
    String describe();
}
