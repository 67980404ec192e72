package io.kldiv.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.core.io.IORuntimeException;

/**
 * The store's memory, owned by Chronicle Bytes (docs/DESIGN.md): {@code Bytes.allocateDirect} for in-memory tables,
 * one {@code MappedBytes.singleMappedBytes} mapping per table file. A class of its own so that Chronicle's classes,
 * and its start-up, are loaded only by a job that opens or builds a store.
 */
public final class ChronicleMemory {
    private ChronicleMemory() {
    }

    /** Allocates {@code length} writable bytes, zero-filled, starting at a 64-byte aligned address. */
    public static OffHeapMemory allocate(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        // Room to slide the start up to the next aligned address; never zero bytes, so there is an address.
        Bytes<?> bytes = Bytes.allocateDirect(length + OffHeapMemory.ALIGNMENT);
        long address = bytes.addressForWrite(0);
        long aligned = (address + OffHeapMemory.ALIGNMENT - 1) & -OffHeapMemory.ALIGNMENT;
        OffHeapMemory memory = new OffHeapMemory(Arena.ofShared(), bytes::releaseLast, aligned, length, false, null);
        memory.segment(0, length).fill((byte) 0);
        return memory;
    }

    /** Maps the first {@code length} bytes of an existing file read-only; the file must be at least that long. */
    public static OffHeapMemory mapReadOnly(Path file, long length) throws IOException {
        return map(file, length, true);
    }

    /**
     * Maps {@code file} for writing, growing it (sparsely) to {@code length} bytes. Chronicle grows a mapped file to
     * whole pages; {@link OffHeapMemory#close()} trims it back to exactly {@code length}.
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
        return new OffHeapMemory(Arena.ofShared(), mapped::releaseLast, address, length, readOnly, readOnly ? null : file);
    }
}
