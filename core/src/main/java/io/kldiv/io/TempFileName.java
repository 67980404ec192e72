package io.kldiv.io;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of one writer's files beside its destination {@code d}: the temporary file {@code .d.<id>.tmp} that
 * becomes {@code d}, and the lock file {@code .d.<id>.lock} whose OS lock says the writer is alive. The id is 16
 * random hex digits; only names of exactly this shape are ever treated as leftovers, so a user's own files are
 * never touched.
 */
record TempFileName(Path directory, String destinationName, String id) {
    private static final Pattern ID = Pattern.compile("([0-9a-f]{16})\\.(tmp|lock)");

    static TempFileName random(Path directory, String destinationName) {
        return new TempFileName(directory, destinationName,
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    }

    /** The writer id in {@code fileName} if it is a temporary or lock file of {@code destinationName}, else null. */
    static String idOf(String fileName, String destinationName) {
        String prefix = "." + destinationName + ".";
        if (!fileName.startsWith(prefix)) {
            return null;
        }
        Matcher m = ID.matcher(fileName.substring(prefix.length()));
        return m.matches() ? m.group(1) : null;
    }

    Path tempFile() {
        return directory.resolve("." + destinationName + "." + id + ".tmp");
    }

    Path lockFile() {
        return directory.resolve("." + destinationName + "." + id + ".lock");
    }
}
