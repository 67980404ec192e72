package io.kldiv.cli;

import io.kldiv.batch.ProgressListener;
import java.io.PrintStream;

/**
 * A one-line progress bar on stderr, redrawn at most a few times a second, shown only when stderr is a
 * terminal (nothing in logs or pipes).
 */
final class ProgressBar implements ProgressListener, AutoCloseable {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean enabled;
    private final String label;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(PrintStream err, boolean enabled, String label) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
    }

    /**
     * A bar on stderr that draws only when stderr is a terminal; close it to clear the line. Java cannot ask
     * whether stderr itself is a terminal, so the launcher tells ({@code -Dkldiv.progress=true|false}); without
     * it, an interactive console stands in.
     */
    static ProgressBar onStderr(String label) {
        String told = System.getProperty("kldiv.progress");
        java.io.Console console = System.console();
        boolean terminal = told != null ? Boolean.parseBoolean(told) : console != null && console.isTerminal();
        return new ProgressBar(System.err, terminal, label);
    }

    @Override
    public synchronized void rowsDone(long done, long total) {
        long now = System.nanoTime();
        if (!enabled || done < total && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double fraction = total == 0 ? 1.0 : (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (now - start) / 1e9;
        err.printf("\r%s [%s%s] %5.1f%%  %,d/%,d rows  %.1fs", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
                100 * fraction, done, total, seconds);
        drawn = true;
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }
}
