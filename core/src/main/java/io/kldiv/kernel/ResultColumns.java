package io.kldiv.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * Where a kernel writes: one float64 column per requested measure (in the order of the options' measures), one
 * status byte per row ({@link RowStatus}) and, where the caller gives a column for it, whether the row's p and q
 * have their largest value at the same category. Row {@code r}'s result sits at element {@code r} of each column,
 * so chunks of rows scored on different threads write disjoint slices.
 *
 * @param columns float64 columns, one per measure, each at least rows × 8 bytes
 * @param status  one byte per row
 * @param top1    one byte per row, zeros at first, or null: a kernel that finds a row's top-1 categories on its
 *                way (a scalar kernel widening float32 values) writes {@link #TOP1_AGREES} or {@link #TOP1_DIFFERS}
 *                there, and the batch scorer's own scan ({@code RankAgreement}) is left for the other rows
 */
public record ResultColumns(List<MemorySegment> columns, MemorySegment status, MemorySegment top1) {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    /** A row's top-1 agreement, as the kernel found it; 0 where it did not. */
    public static final byte TOP1_AGREES = 1;
    public static final byte TOP1_DIFFERS = 2;

    public ResultColumns {
        columns = List.copyOf(columns);
    }

    /** Columns without the top-1 column: every row's agreement is left to the batch scorer's scan. */
    public ResultColumns(List<MemorySegment> columns, MemorySegment status) {
        this(columns, status, null);
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
        return new ResultColumns(columns.stream().map(c -> c.asSlice(first * Double.BYTES)).toList(), status.asSlice(first),
                top1 == null ? null : top1.asSlice(first));
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

    /** Whether this has a top-1 column for kernels to write. */
    public boolean hasTop1() {
        return top1 != null;
    }
}
