package io.kldiv.batch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllocationCounterTest {
    static Object kept;

    @Test
    void countsWhatThisThreadAllocates() {
        AllocationCounter counter = AllocationCounter.forThisThread();
        long before = counter.bytes();
        kept = new long[1 << 20]; // 8 MiB, kept reachable so the allocation cannot be elided
        long counted = counter.bytes() - before;
        // HotSpot counts per thread; the warm-up's test for compiled code relies on it.
        assertTrue(counted >= 8L << 20, "counted " + counted + " bytes");
    }
}
