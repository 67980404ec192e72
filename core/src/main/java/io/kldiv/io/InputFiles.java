package io.kldiv.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opening an input file that readers map: it must be a regular file. */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * Opens {@code file} for reading after checking it is a regular file: opening a FIFO would block until a
     * writer appears, and a device or a directory cannot be mapped as data.
     */
    public static FileChannel openRegular(Path file) throws IOException {
        FileKind kind = FileKind.of(file);
        if (kind != FileKind.REGULAR_FILE) {
            throw new IOException(file + ": is " + kind.description() + ", not a regular file; kldiv reads regular files");
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }
}
