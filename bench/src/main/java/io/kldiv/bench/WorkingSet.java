package io.kldiv.bench;

import io.kldiv.Dtype;
import java.util.Locale;

/**
 * Where the rows of a benchmark live, and so how many there are for a given K and dtype. The report uses the
 * same arithmetic to turn time per pass into time per element pair and GB/s.
 */
public enum WorkingSet {
    /**
     * p + q ≈ 256 KiB: fits a core's L2. Never less than one row, so at K = 131072 one row is 1 MiB (float32)
     * or 2 MiB (float64), which is L2-to-L3 traffic, not L2.
     */
    CACHE(256L << 10),
    /** p + q ≥ 1 GiB off-heap: far beyond any last-level cache, every pass streams from DRAM. */
    MEMORY(1L << 30);

    private final long targetBytes;

    WorkingSet(long targetBytes) {
        this.targetBytes = targetBytes;
    }

    public static WorkingSet byId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** p + q bytes this working set aims at. */
    public long targetBytes() {
        return targetBytes;
    }

    /** Rows of K values of {@code dtype}: the in-cache set rounds down (at least 1), the memory set up. */
    public long rows(Dtype dtype, int k) {
        long pairBytes = 2L * k * dtype.bytes();
        return this == CACHE ? Math.max(1, targetBytes / pairBytes) : (targetBytes + pairBytes - 1) / pairBytes;
    }
}
