package io.kldiv.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrderStatisticsTest {

    /** The radix select and the copy-and-sort path, whichever select would take for this column's size. */
    interface Selection {
        double[] select(MemorySegment column, int rows, OrderStatistics.RowFilter filter, long[] ranks);
    }

    static Stream<Selection> selections() {
        return Stream.of(OrderStatistics::byRadix, OrderStatistics::bySorting, OrderStatistics::select);
    }

    @ParameterizedTest
    @MethodSource("selections")
    void selectsWhatSortingSelects(Selection selection) {
        selectsWhatSortingSelects(selection, false);
    }

    /** {@link OrderStatistics.RowFilter#ALL} takes the rows without asking a filter: NaN values still never count. */
    @ParameterizedTest
    @MethodSource("selections")
    void everyRowSelectsWhatSortingSelects(Selection selection) {
        selectsWhatSortingSelects(selection, true);
    }

    private static void selectsWhatSortingSelects(Selection selection, boolean everyRow) {
        SplittableRandom random = new SplittableRandom(3);
        int n = 5000;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            values[i] = u < 0.05 ? 0.0 : u < 0.07 ? -0.0 : u < 0.1 ? Double.POSITIVE_INFINITY
                    : u < 0.15 ? 1e-300 * random.nextDouble() : u < 0.2 ? -random.nextDouble() * 1e-3
                    : u < 0.3 ? 0.125 : Math.exp(10 * random.nextGaussian());
        }
        values[17] = Double.NaN;
        boolean[] excluded = new boolean[n];
        for (int i = 0; i < n && !everyRow; i += 7) {
            excluded[i] = true;
        }
        double[] kept = java.util.stream.IntStream.range(0, n).filter(i -> !excluded[i] && !Double.isNaN(values[i]))
                .mapToDouble(i -> values[i]).sorted().toArray();
        long[] ranks = {0, 1, 2, kept.length / 10, kept.length / 2, kept.length / 2 + 1, kept.length - 2, kept.length - 1};
        OrderStatistics.RowFilter filter = everyRow ? OrderStatistics.RowFilter.ALL : r -> !excluded[(int) r];
        double[] got = selection.select(MemorySegment.ofArray(values), n, filter, ranks);
        for (int t = 0; t < ranks.length; t++) {
            assertEquals(Double.doubleToRawLongBits(kept[(int) ranks[t]]), Double.doubleToRawLongBits(got[t]), "rank " + ranks[t]);
        }
    }

    @Test
    void orderedKeysSortLikeDoubles() {
        double[] ascending = {Double.NEGATIVE_INFINITY, -1e300, -1.0, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 1.0, Double.POSITIVE_INFINITY};
        for (int i = 1; i < ascending.length; i++) {
            long a = OrderStatistics.orderedKey(ascending[i - 1]);
            long b = OrderStatistics.orderedKey(ascending[i]);
            assertEquals(-1, Long.compareUnsigned(a, b), ascending[i - 1] + " < " + ascending[i]);
            assertEquals(Double.doubleToRawLongBits(ascending[i]), Double.doubleToRawLongBits(OrderStatistics.fromOrderedKey(b)));
        }
    }

    @ParameterizedTest
    @MethodSource("selections")
    void smallColumn(Selection selection) {
        double[] values = {5, 3, 9, 1, 7};
        double[] got = selection.select(MemorySegment.ofArray(values), 5, r -> true, new long[] {0, 2, 4});
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        assertEquals(sorted[0], got[0]);
        assertEquals(sorted[2], got[1]);
        assertEquals(sorted[4], got[2]);
    }
}
