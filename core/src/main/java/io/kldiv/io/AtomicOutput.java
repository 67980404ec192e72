package io.kldiv.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Publishes an output file all at once: everything is written to a temporary file beside the destination,
 * which {@link #commit()} forces to disk and renames over the destination in one atomic step. Until then the
 * destination is untouched (absent, or still the old file); {@link #close()} without a commit deletes the
 * temporary file, so a failed or abandoned writer leaves nothing behind.
 *
 * <p>The temporary file lives in the destination's directory (a rename is only atomic within one file
 * system) and is named {@code .<destination name>.<16 hex digits>.tmp}, beside a {@code .lock} file of the
 * same id that is locked while the writer lives ({@link OwnedTempFile}). A writer killed outright (SIGKILL,
 * the OOM killer, a lost node) leaves both behind; the next writer of the same destination removes them. On
 * SIGINT and SIGTERM the JVM's shutdown deletes them itself.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path destination;
    private final OwnedTempFile tempFile;
    private boolean committed;
    private boolean closed;

    private AtomicOutput(Path destination, OwnedTempFile tempFile) {
        this.destination = destination;
        this.tempFile = tempFile;
    }

    /**
     * Removes what dead writers of {@code destination} left, then creates an empty temporary file next to it;
     * nothing is written to the destination yet.
     *
     * @throws IOException one line naming the destination if its directory is missing or not writable, or the
     *                     destination exists and is not a regular file
     */
    public static AtomicOutput create(Path destination) throws IOException {
        Path absolute = destination.toAbsolutePath();
        // Not Files.createTempFile: it makes owner-only files, and the published file should get the same
        // permissions as any other file the user creates.
        return new AtomicOutput(absolute, OwnedTempFile.create(absolute));
    }

    public Path destination() {
        return destination;
    }

    /** Where to write the content; it becomes the destination on {@link #commit()}. */
    public Path tempFile() {
        return tempFile.path();
    }

    /**
     * Forces the temporary file to disk and renames it over the destination atomically, replacing any
     * existing file. On failure the temporary file is deleted and the destination is left as it was.
     */
    public void commit() throws IOException {
        if (closed || committed) {
            throw new IllegalStateException("output " + destination + " is already " + (committed ? "committed" : "closed"));
        }
        try {
            try (FileChannel channel = FileChannel.open(tempFile.path(), StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tempFile.path(), destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot publish " + destination + " atomically: " + e.getMessage(), e);
            }
            committed = true;
            forceDirectory(destination.getParent());
        } finally {
            close();
        }
    }

    public boolean isCommitted() {
        return committed;
    }

    /** Deletes the temporary file unless committed, and lets go of its lock. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        tempFile.dispose();
    }
    /** Makes the rename itself durable; some platforms cannot open a directory, and there it is skipped. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // The file itself is complete and in place; only its directory entry may not yet be on disk.
        }
    }
}
