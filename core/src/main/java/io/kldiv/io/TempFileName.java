package io.kldiv.io;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The names of one writer's files beside its destination {@code d}: the temporary file {@code .d.<id>.tmp} that
 * becomes {@code d}, and the lock file {@code .d.<id>.lock} whose OS lock says the writer is alive. The id is 16
 * random hex digits; only names of exactly this shape are ever treated as leftovers, so a user's own files are
 * never touched.
 */
record TempFileName(Path directory, String destinationName, String id) {
    private static final int ID_DIGITS = 16;

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
        String rest = fileName.substring(prefix.length());
        String suffix = rest.endsWith(".tmp") ? ".tmp" : rest.endsWith(".lock") ? ".lock" : null;
        if (suffix == null || rest.length() != ID_DIGITS + suffix.length()) {
            return null;
        }
        for (int i = 0; i < ID_DIGITS; i++) {
            char c = rest.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
        }
        return rest.substring(0, ID_DIGITS);
    }

    // Written out, not the record's own: those are bootstrapped through method handles on first use, a few
    // milliseconds at the end of every job that writes a file.
    @Override
    public boolean equals(Object o) {
        return o instanceof TempFileName t && directory.equals(t.directory) && destinationName.equals(t.destinationName)
                && id.equals(t.id);
    }

    @Override
    public int hashCode() {
        return (directory.hashCode() * 31 + destinationName.hashCode()) * 31 + id.hashCode();
    }

    Path tempFile() {
        return directory.resolve("." + destinationName + "." + id + ".tmp");
    }

    Path lockFile() {
        return directory.resolve("." + destinationName + "." + id + ".lock");
    }
}
