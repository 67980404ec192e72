package io.kldiv.kernel;

/** The scalar fallback against the contract. */
class ScalarKernelTest extends KernelContract {
    @Override
    protected Kernel kernel() {
        return Kernels.scalar();
    }
}
