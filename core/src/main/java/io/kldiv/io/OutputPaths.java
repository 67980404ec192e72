package io.kldiv.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks and messages for where an output goes, so the user reads about the destination, never a temporary name. */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * The destination's directory must exist, and the destination, if it exists, must be a regular file: a rename
     * over a directory fails, and one over a device (say a link to /dev/null) would replace the device node.
     */
    static void checkWritableDestination(Path destination) throws IOException {
        Path directory = destination.getParent();
        if (!Files.exists(directory)) {
            throw new IOException(destination + ": cannot write: directory " + directory + " does not exist");
        }
        if (!Files.isDirectory(directory)) {
            throw new IOException(destination + ": cannot write: " + directory + " is not a directory");
        }
        if (Files.exists(destination)) {
            FileKind kind = FileKind.of(destination);
            if (kind != FileKind.REGULAR_FILE) {
                throw new IOException(destination + ": cannot write: it is " + kind.description()
                        + "; outputs replace regular files only");
            }
        }
    }

    /** One line for a failure to create the temporary file (permission, read-only file system, ...). */
    static IOException cannotCreate(Path destination, FileSystemException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "its directory disappeared"
                : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        return new IOException(destination + ": cannot create a file in " + destination.getParent() + ": " + reason, e);
    }
}
