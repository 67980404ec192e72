package io.kldiv.batch;

import io.kldiv.io.NativeOrderCopy;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Exact order statistics of an off-heap float64 column without sorting it or copying it to the heap: a radix
 * select on the bit patterns, 16 bits per pass, all wanted ranks at once. Four sequential passes over the
 * column give every wanted value exactly, whatever the column's size. A column of at most {@value #SORTED_MAX_ROWS}
 * rows (8 MiB) is copied and sorted instead: the radix select scans 2^16 buckets per rank and pass, which costs a
 * short job tens of milliseconds before the JIT has compiled it.
 */
public final class OrderStatistics {
    private static final int DIGIT_BITS = 16;
    private static final int BUCKETS = 1 << DIGIT_BITS;
    private static final int LEVELS = Long.SIZE / DIGIT_BITS;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    static final int SORTED_MAX_ROWS = 1 << 20;

    /** Which rows of the column take part: the others (invalid rows) are passed over. */
    public interface RowFilter {
        /** Every row: the rows are not asked one by one. */
        RowFilter ALL = row -> true;

        boolean includes(long row);
    }

    private OrderStatistics() {
    }

    /**
     * The values of the given 0-based ranks among the included rows (ascending order, NaN never included).
     *
     * @param column float64 values, one per row
     * @param rows   rows in the column
     * @param filter the rows that count
     * @param ranks  wanted ranks, each in [0, number of included rows)
     */
    public static double[] select(MemorySegment column, long rows, RowFilter filter, long[] ranks) {
        return rows <= SORTED_MAX_ROWS ? bySorting(column, (int) rows, filter, ranks) : byRadix(column, rows, filter, ranks);
    }

    static double[] bySorting(MemorySegment column, int rows, RowFilter filter, long[] ranks) {
        double[] all = new double[rows];
        NativeOrderCopy.toArray(column, 0, all, rows);
        int kept = 0;
        // Asking a filter per row costs a short job milliseconds before the JIT compiles the loop.
        boolean everyRow = filter == RowFilter.ALL;
        for (int r = 0; r < rows; r++) {
            if ((everyRow || filter.includes(r)) && !Double.isNaN(all[r])) {
                all[kept++] = all[r];
            }
        }
        Arrays.sort(all, 0, kept); // the order of orderedKey: −0.0 before +0.0
        double[] values = new double[ranks.length];
        for (int t = 0; t < ranks.length; t++) {
            values[t] = all[Math.toIntExact(ranks[t])];
        }
        return values;
    }

    static double[] byRadix(MemorySegment column, long rows, RowFilter filter, long[] ranks) {
        int m = ranks.length;
        long[] prefix = new long[m];
        long[] remaining = ranks.clone();
        for (int level = 0; level < LEVELS; level++) {
            int shift = Long.SIZE - DIGIT_BITS * (level + 1);
            long[] groups = level == 0 ? new long[] {0} : Arrays.stream(prefix).distinct().sorted().toArray();
            long[][] histograms = new long[groups.length][BUCKETS];
            for (long r = 0; r < rows; r++) {
                if (!filter.includes(r)) {
                    continue;
                }
                double v = column.getAtIndex(DOUBLE, r);
                if (Double.isNaN(v)) {
                    continue;
                }
                long key = orderedKey(v);
                int g = level == 0 ? 0 : Arrays.binarySearch(groups, key >>> (shift + DIGIT_BITS));
                if (g >= 0) {
                    histograms[g][(int) ((key >>> shift) & (BUCKETS - 1))]++;
                }
            }
            for (int t = 0; t < m; t++) {
                long[] h = histograms[level == 0 ? 0 : Arrays.binarySearch(groups, prefix[t])];
                int digit = 0;
                while (remaining[t] >= h[digit]) {
                    remaining[t] -= h[digit];
                    digit++;
                }
                prefix[t] = (prefix[t] << DIGIT_BITS) | digit;
            }
        }
        double[] values = new double[m];
        for (int t = 0; t < m; t++) {
            values[t] = fromOrderedKey(prefix[t]);
        }
        return values;
    }

    /** A key whose unsigned order is the numeric order of doubles (−0.0 just below +0.0). */
    static long orderedKey(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return bits < 0 ? ~bits : bits | Long.MIN_VALUE;
    }

    static double fromOrderedKey(long key) {
        return Double.longBitsToDouble(key < 0 ? key & Long.MAX_VALUE : ~key);
    }
}
