package io.kldiv.cli;

import java.lang.management.ManagementFactory;

/**
 * Seconds since this JVM started (the runtime's own start time, in milliseconds). The operating system's process
 * start time is no better here: Linux reports it against a boot time rounded to whole seconds.
 */
final class JobClock {
    private JobClock() {
    }

    static double seconds() {
        return (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
    }
}
