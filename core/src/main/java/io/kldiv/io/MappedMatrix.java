package io.kldiv.io;

import io.kldiv.Dtype;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * A row-major matrix of little-endian values mapped read-only from a file (a .npy array, a safetensors tensor):
 * {@link #data()} is the file's bytes themselves, {@code rows() * cols() * dtype().bytes()} of them.
 */
public interface MappedMatrix extends AutoCloseable {
    /** The file it is mapped from. */
    Path file();

    /** What it is called in error messages: the file, plus the tensor name where a file holds several. */
    default String source() {
        return file().toString();
    }

    Dtype dtype();

    /** One row per distribution. */
    long rows();

    /** K, the number of categories. */
    int cols();

    MemorySegment data();

    /** Unmaps the file. */
    @Override
    void close() throws IOException;
}
