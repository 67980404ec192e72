package io.kldiv.simd;

import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.KernelContract;
import io.kldiv.kernel.Kernels;

/**
 * The kernel this JVM chose against the contract. The build runs it three times: SIMD at the preferred width,
 * SIMD forced to 256 bits, and forced scalar, so every path meets the same tests.
 */
class SimdKernelTest extends KernelContract {
    @Override
    protected Kernel kernel() {
        return Kernels.best().kernel();
    }
}
