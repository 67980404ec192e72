package io.kldiv.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One block of memory outside the Java heap, seen through {@link MemorySegment}s: a mapping of a file made with
 * the JDK alone ({@link #mapReadOnly}, {@link #mapReadWrite}: {@code FileChannel.map} into an arena), fresh memory
 * for data a job generates ({@link #allocate}), or memory owned by Chronicle Bytes ({@link ChronicleMemory}, what the store is built on). .npy, safetensors and .kld files
 * need nothing of Chronicle's, so a job on them does not pay for its start-up (about 0.5 s: jnr-ffi generates its
 * native stubs on first use).
 *
 * <p>Segments handed out belong to a shared arena owned by this block. {@link #close()} closes the arena first,
 * so any later access through a segment fails with {@link IllegalStateException} instead of touching freed or
 * unmapped memory, and then releases the memory (a JDK mapping goes with its arena).
 */
public final class OffHeapMemory implements AutoCloseable {
    /** Column starts are aligned to a cache line, which is also the widest vector load (AVX-512). */
    public static final int ALIGNMENT = 64;

    /** What frees or unmaps the memory once the arena is closed: nothing more for a JDK mapping. */
    interface Release {
        void release();
    }

    private final Arena arena;
    private final Release release;
    private final long base;
    private final long length;
    private final boolean readOnly;
    private final Path file;
    private boolean closed;

    OffHeapMemory(Arena arena, Release release, long base, long length, boolean readOnly, Path file) {
        this.arena = arena;
        this.release = release;
        this.base = base;
        this.length = length;
        this.readOnly = readOnly;
        this.file = file;
    }

    /** Maps the first {@code length} bytes of an existing file read-only; the file must be at least that long. */
    public static OffHeapMemory mapReadOnly(Path file, long length) throws IOException {
        return map(file, length, true);
    }

    /** Maps {@code file} for writing, growing it (sparsely) to {@code length} bytes. */
    public static OffHeapMemory mapReadWrite(Path file, long length) throws IOException {
        return map(file, length, false);
    }

    private static OffHeapMemory map(Path file, long length, boolean readOnly) throws IOException {
        if (length <= 0) {
            throw new IllegalArgumentException("cannot map " + length + " bytes of " + file);
        }
        Arena arena = Arena.ofShared();
        try (FileChannel channel = readOnly ? FileChannel.open(file, StandardOpenOption.READ)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (readOnly && channel.size() < length) {
                throw new IOException("cannot map " + file + ": " + length + " bytes wanted, the file has " + channel.size());
            }
            if (!readOnly && channel.size() < length) {
                channel.write(ByteBuffer.allocate(1), length - 1); // grows the file sparsely
            }
            MemorySegment mapped = channel.map(readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE,
                    0, length, arena);
            // The mapping outlives the channel; trimming is not needed: the file is exactly length bytes.
            return new OffHeapMemory(arena, () -> { }, mapped.address(), length, readOnly, null);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * {@code length} bytes of fresh memory, zero until written: anonymous pages from the system where it has them
     * ({@link AnonymousMemory}: no zeroing pass up front, pages faulted in by their first writer), else an arena's.
     */
    public static OffHeapMemory allocate(long length) {
        if (length <= 0) {
            throw new IllegalArgumentException("cannot allocate " + length + " bytes");
        }
        long address = AnonymousMemory.available() ? AnonymousMemory.map(length) : 0;
        if (address == 0) {
            return allocateInArena(length);
        }
        return new OffHeapMemory(Arena.ofShared(), () -> AnonymousMemory.unmap(address, length), address, length, false, null);
    }

    /** {@link #allocate}'s fallback: an arena's memory, zeroed up front by the allocating thread. */
    static OffHeapMemory allocateInArena(long length) {
        Arena owner = Arena.ofShared();
        MemorySegment block = owner.allocate(length, ALIGNMENT);
        return new OffHeapMemory(Arena.ofShared(), owner::close, block.address(), length, false, null);
    }

    /** Length in bytes, as requested (the mapping or allocation behind it may be larger). */
    public long length() {
        return length;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    /** A view of {@code [offset, offset + size)}; read-only if this block is. Valid until {@link #close()}. */
    public MemorySegment segment(long offset, long size) {
        if (closed) {
            throw new IllegalStateException("off-heap memory is closed");
        }
        if (offset < 0 || size < 0 || offset > length - size) {
            throw new IndexOutOfBoundsException("segment [" + offset + ", +" + size + ") outside " + length + " bytes");
        }
        MemorySegment view = MemorySegment.ofAddress(base + offset).reinterpret(size, arena, null);
        return readOnly ? view.asReadOnly() : view;
    }

    /** Closes every segment handed out, then releases (frees or unmaps) the memory. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            arena.close();
        } finally {
            release.release();
        }
        if (file != null) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(length);
            }
        }
    }
}
