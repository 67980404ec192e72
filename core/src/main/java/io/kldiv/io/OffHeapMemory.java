package io.kldiv.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.core.io.IORuntimeException;

/**
 * One block of memory outside the Java heap, owned by Chronicle Bytes and seen through {@link MemorySegment}s:
 * either allocated ({@code Bytes.allocateDirect}) or a single mapping of a file
 * ({@code MappedBytes.singleMappedBytes}).
 *
 * <p>Segments handed out belong to a shared arena owned by this block. {@link #close()} closes the arena
 * first, so any later access through a segment fails with {@link IllegalStateException} instead of touching
 * freed or unmapped memory, and then releases the Chronicle memory.
 */
public final class OffHeapMemory implements AutoCloseable {
    /** Column starts are aligned to a cache line, which is also the widest vector load (AVX-512). */
    public static final int ALIGNMENT = 64;

    private final Bytes<?> bytes;
    private final Arena arena;
    private final long base;
    private final long length;
    private final boolean readOnly;
    private final Path file;
    private boolean closed;

    private OffHeapMemory(Bytes<?> bytes, long base, long length, boolean readOnly, Path file) {
        this.bytes = bytes;
        this.arena = Arena.ofShared();
        this.base = base;
        this.length = length;
        this.readOnly = readOnly;
        this.file = file;
    }

    /** Allocates {@code length} writable bytes, zero-filled, starting at a 64-byte aligned address. */
    public static OffHeapMemory allocate(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        // Room to slide the start up to the next aligned address; never zero bytes, so there is an address.
        Bytes<?> bytes = Bytes.allocateDirect(length + ALIGNMENT);
        long address = bytes.addressForWrite(0);
        long aligned = alignUp(address);
        OffHeapMemory memory = new OffHeapMemory(bytes, aligned, length, false, null);
        memory.segment(0, length).fill((byte) 0);
        return memory;
    }

    /** Maps the first {@code length} bytes of an existing file read-only; the file must be at least that long. */
    public static OffHeapMemory mapReadOnly(Path file, long length) throws IOException {
        return map(file, length, true);
    }

    /**
     * Maps {@code file} for writing, growing it (sparsely) to {@code length} bytes. Chronicle grows a mapped
     * file to whole pages; {@link #close()} trims it back to exactly {@code length}.
     */
    public static OffHeapMemory mapReadWrite(Path file, long length) throws IOException {
        return map(file, length, false);
    }

    private static OffHeapMemory map(Path file, long length, boolean readOnly) throws IOException {
        if (length <= 0) {
            throw new IllegalArgumentException("cannot map " + length + " bytes of " + file);
        }
        MappedBytes mapped;
        try {
            mapped = MappedBytes.singleMappedBytes(file.toFile(), length, readOnly);
        } catch (IORuntimeException e) {
            throw new IOException("cannot map " + file + ": " + e.getMessage(), e);
        }
        long address = readOnly ? mapped.addressForRead(0) : mapped.addressForWrite(0);
        return new OffHeapMemory(mapped, address, length, readOnly, readOnly ? null : file);
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
            bytes.releaseLast();
        }
        if (file != null) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(length);
            }
        }
    }

    private static long alignUp(long address) {
        return (address + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
