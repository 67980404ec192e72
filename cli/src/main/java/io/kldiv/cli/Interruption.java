package io.kldiv.cli;

import java.io.PrintStream;

/**
 * What SIGINT and SIGTERM look like to the user. The JVM answers both by running its shutdown hooks and exiting
 * with 128 + the signal number (130, 143); core's hook deletes the temporary files of unfinished outputs, and
 * this one says so in one line. Error lines from work that the shutdown cut short are not printed.
 */
final class Interruption {
    private static volatile boolean finished;
    private static volatile boolean interrupted;

    private Interruption() {
    }

    /** Installs the hook; {@link #finished()} disarms it before a normal exit. */
    static void watch(PrintStream err) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished) {
                interrupted = true;
                err.println("kldiv: interrupted by a signal; unfinished output files were removed");
                err.flush();
            }
        }, "kldiv-interruption"));
    }

    static void finished() {
        finished = true;
    }

    /** True once a signal started the shutdown: errors after that are its consequences, not news. */
    static boolean interrupted() {
        return interrupted;
    }
}
