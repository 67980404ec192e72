package io.kldiv.llama;

import java.io.IOException;
import java.nio.file.Path;

/** A llama.cpp KL-divergence base file that is damaged: one line, the file, then what is wrong. */
public final class KldFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public KldFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
