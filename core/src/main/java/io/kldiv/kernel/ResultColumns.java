package io.kldiv.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Where a kernel writes: one float64 column per requested measure (in the order of the options' measures) and
 * one status byte per row ({@link RowStatus}). Row {@code r}'s result sits at element {@code r} of each column,
 * so chunks of rows scored on different threads write disjoint slices.
 *
 * @param columns float64 columns, one per measure, each at least rows × 8 bytes
 * @param status  one byte per row
 */
public record ResultColumns(List<MemorySegment> columns, MemorySegment status) {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    public ResultColumns {
        columns = List.copyOf(columns);
    }

    /** Heap columns for {@code rows} rows and {@code measures} measures: for small batches and tests. */
    public static ResultColumns onHeap(int measures, int rows) {
        MemorySegment[] c = new MemorySegment[measures];
        for (int m = 0; m < measures; m++) {
            c[m] = MemorySegment.ofArray(new double[rows]);
        }
        return new ResultColumns(List.of(c), MemorySegment.ofArray(new byte[rows]));
    }

    /**
     * The same columns seen from row {@code first} on: row r of the view is row {@code first + r} here. A chunk
     * whose rows were decoded into a buffer of their own, as rows 0, 1, …, writes its results through such a view.
     */
    public ResultColumns startingAt(long first) {
        if (first == 0) {
            return this;
        }
        return new ResultColumns(columns.stream().map(c -> c.asSlice(first * Double.BYTES)).toList(), status.asSlice(first));
    }

    public void set(int measure, long row, double value) {
        columns.get(measure).setAtIndex(DOUBLE, row, value);
    }

    public double get(int measure, long row) {
        return columns.get(measure).getAtIndex(DOUBLE, row);
    }

    public void setStatus(long row, byte value) {
        status.set(ValueLayout.JAVA_BYTE, row, value);
    }

    public byte status(long row) {
        return status.get(ValueLayout.JAVA_BYTE, row);
    }
}
