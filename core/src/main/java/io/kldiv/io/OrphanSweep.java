package io.kldiv.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Removes the temporary files that killed writers left beside a destination, the way SQLite rolls back a hot
 * journal on the next open. A writer is gone when its lock file can be locked (the OS drops a dead process's
 * locks) or no longer exists (a writer creates its lock file before its temporary file and deletes it after,
 * so a temporary file without one has no owner). Everything is best effort: a file that cannot be probed or
 * deleted is left for a later sweep, and a writer whose lock cannot be taken is presumed alive.
 */
final class OrphanSweep {
    private OrphanSweep() {
    }

    static void sweep(Path directory, String destinationName) {
        for (String id : writerIds(directory, destinationName)) {
            TempFileName name = new TempFileName(directory, destinationName, id);
            if (!LiveTempFiles.contains(name)) {
                removeIfOwnerGone(name);
            }
        }
    }

    private static Set<String> writerIds(Path directory, String destinationName) {
        Set<String> ids = new LinkedHashSet<>();
        // A filter, not a glob: a destination name may hold glob characters such as [ or {.
        DirectoryStream.Filter<Path> leftovers = entry -> TempFileName.idOf(entry.getFileName().toString(), destinationName) != null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, leftovers)) {
            for (Path entry : entries) {
                ids.add(TempFileName.idOf(entry.getFileName().toString(), destinationName));
            }
        } catch (IOException | RuntimeException unreadable) {
            // no sweep: the writer's own file creation reports what is wrong with the directory
        }
        return ids;
    }

    private static void removeIfOwnerGone(TempFileName name) {
        try (FileChannel lock = FileChannel.open(name.lockFile(), StandardOpenOption.WRITE)) {
            FileLock held = lock.tryLock();
            if (held != null) {
                // Ours now, so no writer can be using these files: delete while holding the lock.
                LiveTempFiles.deleteQuietly(name);
            }
        } catch (NoSuchFileException noLock) {
            try {
                Files.deleteIfExists(name.tempFile());
            } catch (IOException ignored) {
                // left for a later sweep
            }
        } catch (IOException | OverlappingFileLockException presumedAlive) {
            // locks unsupported here, or held by a sweep in this JVM: leave the files alone
        }
    }
}
