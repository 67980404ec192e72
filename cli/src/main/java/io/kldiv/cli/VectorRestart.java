package io.kldiv.cli;

import io.kldiv.kernel.Kernels;

/**
 * A way for ./kldiv to start {@code kldiv score} without the Vector API module. {@code --add-modules} keeps the
 * JVM from archiving the module graph, and with it the linked classes, in its ahead-of-time cache; without the
 * module a small job starts about 0.1 s sooner, and small jobs run on the scalar kernel anyway. The launcher sets
 * {@value #PROPERTY} to an exit status when it leaves the module out; a job that turns out big enough for the
 * vector kernel then exits with that status, silently and before it has written anything, and the launcher runs it
 * again with the module.
 */
final class VectorRestart extends RuntimeException {
    static final String PROPERTY = "kldiv.vectorRestartStatus";

    private final int status;

    private VectorRestart(int status) {
        super(null, null, false, false);
        this.status = status;
    }

    /**
     * @throws VectorRestart when the launcher asked for it and a job of {@code pairs} element pairs would use a
     *     vector kernel that this JVM cannot load
     */
    static void checkBeforeScoring(long pairs) {
        String status = System.getProperty(PROPERTY);
        if (status != null && Kernels.wantsMissingVectorModule(pairs)) {
            throw new VectorRestart(Integer.parseInt(status.trim()));
        }
    }

    int status() {
        return status;
    }
}
