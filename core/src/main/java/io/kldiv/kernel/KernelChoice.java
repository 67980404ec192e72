package io.kldiv.kernel;

/**
 * The kernel chosen for this JVM and why.
 *
 * @param kernel the kernel every job uses
 * @param reason one line on why this kernel and not another
 */
public record KernelChoice(Kernel kernel, String reason) {
    @Override
    public String toString() {
        return kernel.name() + " (" + reason + ")";
    }
}
