package io.kldiv.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What a path names, so a FIFO, a device or a directory is refused by name instead of blocking or misreading. */
public enum FileKind {
    REGULAR_FILE("a regular file"),
    DIRECTORY("a directory"),
    FIFO("a named pipe (FIFO)"),
    CHARACTER_DEVICE("a character device"),
    BLOCK_DEVICE("a block device"),
    SOCKET("a socket"),
    OTHER("not a regular file");

    private static final int TYPE_MASK = 0170000;

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    /** The kind of {@code path}, following symbolic links. */
    public static FileKind of(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (attributes.isRegularFile()) {
            return REGULAR_FILE;
        }
        if (attributes.isDirectory()) {
            return DIRECTORY;
        }
        try {
            // The POSIX file type bits (st_mode & S_IFMT) tell the other kinds apart.
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return switch (mode & TYPE_MASK) {
                case 0010000 -> FIFO;
                case 0020000 -> CHARACTER_DEVICE;
                case 0060000 -> BLOCK_DEVICE;
                case 0140000 -> SOCKET;
                default -> OTHER;
            };
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return OTHER;
        }
    }

    /** How a message names this kind: "a named pipe (FIFO)". */
    public String description() {
        return description;
    }
}
