package io.kldiv.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes an output file all at once: everything is written to a temporary file beside the destination,
 * which {@link #commit()} forces to disk and renames over the destination in one atomic step. Until then the
 * destination is untouched (absent, or still the old file); {@link #close()} without a commit deletes the
 * temporary file, so a failed or abandoned writer leaves nothing behind.
 *
 * <p>The temporary file lives in the destination's directory (a rename is only atomic within one file
 * system) and is named {@code .<destination name>.<random hex>.tmp}. Only a process that dies between
 * creating and closing it can leave such a file behind.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path destination;
    private final Path tempFile;
    private boolean committed;
    private boolean closed;

    private AtomicOutput(Path destination, Path tempFile) {
        this.destination = destination;
        this.tempFile = tempFile;
    }

    /** Creates an empty temporary file next to {@code destination}; nothing is written to the destination yet. */
    public static AtomicOutput create(Path destination) throws IOException {
        Path absolute = destination.toAbsolutePath();
        Path directory = absolute.getParent();
        String prefix = "." + absolute.getFileName() + ".";
        while (true) {
            String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            Path candidate = directory.resolve(prefix + suffix + ".tmp");
            try {
                // Not Files.createTempFile: it makes owner-only files, and the published file should get the
                // same permissions as any other file the user creates.
                Files.createFile(candidate);
                return new AtomicOutput(absolute, candidate);
            } catch (FileAlreadyExistsException collision) {
                // another writer drew the same name; draw again
            }
        }
    }

    public Path destination() {
        return destination;
    }

    /** Where to write the content; it becomes the destination on {@link #commit()}. */
    public Path tempFile() {
        return tempFile;
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
            try (FileChannel channel = FileChannel.open(tempFile, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tempFile, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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

    /** Aborts unless committed: deletes the temporary file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            Files.deleteIfExists(tempFile);
        }
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
