package io.kldiv.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OffHeapMemoryTest {

    interface Allocation {
        OffHeapMemory allocate(long length);
    }

    static Stream<Allocation> allocations() {
        return Stream.of(OffHeapMemory::allocate, OffHeapMemory::allocateInArena);
    }

    @ParameterizedTest
    @MethodSource("allocations")
    void freshMemoryReadsZeroHoldsWhatIsWrittenAndIsGoneAfterClose(Allocation allocation) throws Exception {
        long length = (3L << 21) + 12345; // past two huge pages, not a multiple of a page
        MemorySegment view;
        try (OffHeapMemory memory = allocation.allocate(length)) {
            assertEquals(length, memory.length());
            view = memory.segment(0, length);
            assertEquals(-1L, view.mismatch(MemorySegment.ofArray(new byte[(int) length])), "fresh memory is zero");
            for (long at = 0; at + Long.BYTES <= length; at += 4093) {
                view.set(ValueLayout.JAVA_LONG_UNALIGNED, at, at * 31 + 7);
            }
            for (long at = 0; at + Long.BYTES <= length; at += 4093) {
                assertEquals(at * 31 + 7, view.get(ValueLayout.JAVA_LONG_UNALIGNED, at));
            }
            MemorySegment tail = memory.segment(length - 8, 8);
            tail.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, -5L);
            assertEquals(-5L, view.get(ValueLayout.JAVA_LONG_UNALIGNED, length - 8));
            assertThrows(IndexOutOfBoundsException.class, () -> memory.segment(length - 8, 9));
        }
        MemorySegment closed = view;
        assertThrows(IllegalStateException.class, () -> closed.get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
    }

    @Test
    void onLinuxTheMemoryComesFromTheSystemAsAnonymousPages() {
        if (System.getProperty("os.name").toLowerCase().startsWith("linux")) {
            assertTrue(AnonymousMemory.available(), "mmap through the FFM API (native access must be enabled)");
        }
    }

    @Test
    void nothingToAllocateIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> OffHeapMemory.allocate(0));
    }
}
