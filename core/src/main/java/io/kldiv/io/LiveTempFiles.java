package io.kldiv.io;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files this JVM's writers own right now. Two reasons to know them in-process:
 * <ul>
 *   <li>An orphan sweep must not even open a live writer's lock file here: POSIX drops every lock a process holds
 *       on a file when the process closes any descriptor of it, so probing our own lock would release it.</li>
 *   <li>A JVM that shuts down (SIGINT, SIGTERM, {@code System.exit}) deletes them in a shutdown hook. On Linux
 *       and macOS a mapped file can be unlinked while mapped: its blocks are freed when the process exits.</li>
 * </ul>
 */
final class LiveTempFiles {
    private static final Set<TempFileName> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LiveTempFiles::deleteAll, "kldiv-temp-file-cleanup"));
    }

    private LiveTempFiles() {
    }

    /** Registers a name before its files are created, so no sweep in this JVM mistakes them for leftovers. */
    static void add(TempFileName name) throws IOException {
        if (shuttingDown) {
            throw new IOException(name.directory().resolve(name.destinationName()) + ": not written, the JVM is shutting down");
        }
        LIVE.add(name);
    }

    static void remove(TempFileName name) {
        LIVE.remove(name);
    }

    static boolean contains(TempFileName name) {
        return LIVE.contains(name);
    }

    private static void deleteAll() {
        shuttingDown = true;
        for (TempFileName name : LIVE) {
            deleteQuietly(name);
        }
    }

    /** Temporary file first, lock file last: a temporary file never outlives the lock that says whose it is. */
    static void deleteQuietly(TempFileName name) {
        try {
            Files.deleteIfExists(name.tempFile());
            Files.deleteIfExists(name.lockFile());
        } catch (IOException ignored) {
            // best effort: the next writer of this destination sweeps what is left
        }
    }
}
