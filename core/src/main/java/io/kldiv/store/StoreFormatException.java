package io.kldiv.store;

import java.io.IOException;
import java.nio.file.Path;

/** A table file that is damaged or not a table file at all. The message is one line: the file, then what is wrong. */
public final class StoreFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public StoreFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
