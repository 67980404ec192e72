package io.kldiv.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * An output file of known length written through a read-write mapping of its temporary file, and published
 * atomically ({@link AtomicOutput}): what every streaming writer (tables, .npy) is built on.
 */
public final class MappedOutput implements AutoCloseable {
    private final AtomicOutput output;
    private final OffHeapMemory memory;

    private MappedOutput(AtomicOutput output, OffHeapMemory memory) {
        this.output = output;
        this.memory = memory;
    }

    /** How a temporary file is mapped for writing: {@link OffHeapMemory#mapReadWrite} or the store's Chronicle mapping. */
    public interface Mapping {
        OffHeapMemory map(Path file, long length) throws IOException;
    }

    /** Creates and maps (with the JDK) a temporary file of {@code length} bytes beside {@code destination}. */
    public static MappedOutput create(Path destination, long length) throws IOException {
        return create(destination, length, OffHeapMemory::mapReadWrite);
    }

    /** Creates a temporary file of {@code length} bytes beside {@code destination}, mapped by {@code mapping}. */
    public static MappedOutput create(Path destination, long length, Mapping mapping) throws IOException {
        AtomicOutput output = AtomicOutput.create(destination);
        try {
            return new MappedOutput(output, mapping.map(output.tempFile(), length));
        } catch (IOException | RuntimeException e) {
            output.close();
            throw e;
        }
    }

    public Path destination() {
        return output.destination();
    }

    /** The temporary file being written (for tests that look at what a crash leaves). */
    Path tempFile() {
        return output.tempFile();
    }

    /** A writable view of bytes {@code [offset, offset + length)} of the file. */
    public MemorySegment segment(long offset, long length) {
        return memory.segment(offset, length);
    }

    /** Unmaps the file, forces it to disk and renames it over the destination; closes this output either way. */
    public void commit() throws IOException {
        memory.close();
        output.commit();
    }

    /** Abandons the file unless committed: unmaps and deletes it. Idempotent. */
    @Override
    public void close() throws IOException {
        try {
            memory.close();
        } finally {
            output.close();
        }
    }
}
