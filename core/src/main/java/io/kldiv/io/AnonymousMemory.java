package io.kldiv.io;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Large blocks of fresh memory from the operating system (Linux {@code mmap}), for data a job writes before it
 * reads it. {@code Arena.allocate} zeroes every byte in the allocating thread first: for the demo's 2 GiB that
 * took over a second on one core, plus one page fault per 4 KiB. Anonymous pages arrive zeroed on first touch,
 * in whichever thread writes them first, and are asked for as transparent huge pages (2 MiB each, where the
 * kernel allows them). Elsewhere, or when a call fails, {@link #available()} is false and callers use an arena.
 */
final class AnonymousMemory {
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20; // Linux values, the same on x86-64 and AArch64
    private static final int MADV_HUGEPAGE = 14;
    private static final MemorySegment MAP_FAILED = MemorySegment.ofAddress(-1L);

    private static final MethodHandle MMAP;
    private static final MethodHandle MUNMAP;
    private static final MethodHandle MADVISE;

    static {
        MethodHandle mmap = null;
        MethodHandle munmap = null;
        MethodHandle madvise = null;
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                mmap = linker.downcallHandle(libc.find("mmap").orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
                munmap = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
                madvise = linker.downcallHandle(libc.find("madvise").orElseThrow(), FunctionDescriptor.of(
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
            } catch (RuntimeException | LinkageError unavailable) {
                mmap = null; // native access not allowed, or no such symbols: use an arena
            }
        }
        MMAP = mmap;
        MUNMAP = munmap;
        MADVISE = madvise;
    }

    private AnonymousMemory() {
    }

    static boolean available() {
        return MMAP != null;
    }

    /** The address of {@code length} fresh bytes, or 0 when the system refused them. */
    static long map(long length) {
        try {
            MemorySegment block = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, length, PROT_READ_WRITE,
                    MAP_PRIVATE_ANONYMOUS, -1, 0L);
            if (block.equals(MAP_FAILED) || block.address() == 0) {
                return 0;
            }
            int ignored = (int) MADVISE.invokeExact(block, length, MADV_HUGEPAGE); // a hint: failure changes nothing
            return block.address();
        } catch (Throwable e) {
            throw new IllegalStateException("mmap of " + length + " bytes failed", e);
        }
    }

    static void unmap(long address, long length) {
        try {
            int ignored = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(address), length);
        } catch (Throwable e) {
            throw new IllegalStateException("munmap of " + length + " bytes failed", e);
        }
    }
}
