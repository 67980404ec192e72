package io.kldiv.simd;

import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.KernelProvider;

/**
 * Offers the Vector API kernel when this JVM runs it fast. Loads on any JVM: no Vector API type appears here,
 * and the classes that link against {@code jdk.incubator.vector} are touched only after every check passed.
 * A kernel that then fails to start leaves a reason, and the caller falls back to scalar.
 */
public final class SimdKernelProvider implements KernelProvider {

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public String unavailableReason() {
        return Decision.ONCE.reason;
    }

    @Override
    public Kernel create() {
        Decision d = Decision.ONCE;
        if (d.kernel == null) {
            throw new IllegalStateException(d.reason);
        }
        return d.kernel;
    }

    @Override
    public String describe() {
        Decision d = Decision.ONCE;
        return d.kernel == null ? "simd unavailable: " + d.reason : d.description;
    }

    /** Made once per JVM, on first use. */
    private record Decision(Kernel kernel, String reason, String description) {
        static final Decision ONCE = decide();

        private static Decision decide() {
            SimdEnvironment env;
            try {
                env = JvmProbe.environment(VectorWidth.forced());
            } catch (IllegalArgumentException e) {
                return new Decision(null, e.getMessage(), null);
            }
            String why = env.whyNot(() -> PreferredShape.bits());
            if (why != null) {
                return new Decision(null, why, null);
            }
            try {
                SimdKernel kernel = new SimdKernel();
                return new Decision(kernel, null, kernel.describe(env.width() != 0));
            } catch (RuntimeException | LinkageError e) {
                return new Decision(null, "the SIMD kernel failed to start: " + e, null);
            }
        }
    }
}
