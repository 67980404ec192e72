package io.kldiv.npy;

import java.io.IOException;
import java.nio.file.Path;

/** A .npy file that is damaged or holds an array kldiv does not read. One line: the file, then what is wrong. */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public NpyFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
