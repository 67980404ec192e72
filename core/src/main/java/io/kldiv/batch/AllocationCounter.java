package io.kldiv.batch;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread has allocated on the heap so far, where the JVM counts them (HotSpot does, in each
 * thread's allocation buffer bookkeeping, cheap to read), else always 0.
 */
interface AllocationCounter {
    long bytes();

    static AllocationCounter forThisThread() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                    && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
                return threads::getCurrentThreadAllocatedBytes;
            }
        } catch (LinkageError | RuntimeException unavailable) {
            // no java.management or jdk.management module in this runtime: speed alone decides
        }
        return () -> 0;
    }
}
