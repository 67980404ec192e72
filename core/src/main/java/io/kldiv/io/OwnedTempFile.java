package io.kldiv.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file beside a destination that is recognisably owned by a live writer: its sibling lock file
 * ({@link TempFileName}) is locked with {@link FileChannel#tryLock()} for the whole life of the temporary file.
 * The lock lives on a separate file because the temporary file itself is opened and closed by others in this
 * process (Chronicle's mapping, forcing, truncating), and closing any descriptor of a file drops this process's
 * POSIX locks on it. Creating one first {@linkplain OrphanSweep sweeps} the leftovers of dead writers of the same
 * destination; a JVM shutdown deletes the live ones ({@link LiveTempFiles}).
 */
final class OwnedTempFile {
    private final TempFileName name;
    private final FileChannel lockChannel;
    private boolean gone;

    private OwnedTempFile(TempFileName name, FileChannel lockChannel) {
        this.name = name;
        this.lockChannel = lockChannel;
    }

    /** Sweeps orphans of {@code destination} (an absolute path), then creates an empty owned temporary file. */
    static OwnedTempFile create(Path destination) throws IOException {
        Path directory = destination.getParent();
        String destinationName = destination.getFileName().toString();
        OutputPaths.checkWritableDestination(destination);
        OrphanSweep.sweep(directory, destinationName);
        while (true) {
            TempFileName name = TempFileName.random(directory, destinationName);
            LiveTempFiles.add(name);
            FileChannel lockChannel = null;
            try {
                lockChannel = FileChannel.open(name.lockFile(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                // A sweep in another process may have locked and deleted the new lock file before we locked it:
                // then it is no longer there, and we start over with a new name.
                if (lock(lockChannel) && Files.exists(name.lockFile(), LinkOption.NOFOLLOW_LINKS)) {
                    Files.createFile(name.tempFile());
                    return new OwnedTempFile(name, lockChannel);
                }
            } catch (FileAlreadyExistsException collision) {
                // another writer drew the same id; draw again
            } catch (FileSystemException e) {
                abandon(name, lockChannel);
                throw OutputPaths.cannotCreate(destination, e);
            } catch (IOException | RuntimeException e) {
                abandon(name, lockChannel);
                throw e;
            }
            abandon(name, lockChannel);
        }
    }

    /** False if another process holds the lock; true if we hold it, or if this file system has no locks. */
    private static boolean lock(FileChannel channel) {
        try {
            FileLock lock = channel.tryLock();
            return lock != null;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return false;
        } catch (IOException locksUnsupported) {
            // Nobody can prove this writer dead either, so its files are safe; only a crash would leave them.
            return true;
        }
    }

    /** Gives up a name: its files are deleted (the id is ours alone, so that is always safe) and the lock let go. */
    private static void abandon(TempFileName name, FileChannel lockChannel) {
        if (lockChannel != null) {
            LiveTempFiles.deleteQuietly(name);
            try {
                lockChannel.close();
            } catch (IOException ignored) {
                // nothing to recover
            }
        }
        LiveTempFiles.remove(name);
    }

    Path path() {
        return name.tempFile();
    }

    /**
     * Forgets the temporary file after it was renamed to the destination, or deletes it; then deletes the lock
     * file and releases the lock. Idempotent.
     */
    void dispose() throws IOException {
        if (gone) {
            return;
        }
        gone = true;
        try {
            Files.deleteIfExists(name.tempFile());
            Files.deleteIfExists(name.lockFile());
        } finally {
            try {
                lockChannel.close();
            } finally {
                LiveTempFiles.remove(name);
            }
        }
    }
}
