package io.kldiv.safetensors;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file that is damaged or holds no tensor kldiv can score: the one exception the reader throws
 * for anything wrong with the bytes. One line: the file, then what is wrong.
 */
public final class SafetensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public SafetensorsFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
