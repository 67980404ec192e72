package io.kldiv.store;

import io.kldiv.Dtype;
import io.kldiv.io.OffHeapMemory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where each column of a table goes: the header (fixed part and column directory) first, then the columns
 * p, q, the optional ids and the result columns, each starting at a multiple of 64 bytes.
 */
final class TableLayout {
    static final int FIXED_HEADER_BYTES = 64;
    static final int DIRECTORY_ENTRY_BYTES = 64;
    static final int NAME_BYTES = 32;
    static final int MAX_COLUMNS = 64;

    private final Dtype dtype;
    private final int k;
    private final long rows;
    private final List<ColumnEntry> columns;
    private final long fileLength;

    private TableLayout(Dtype dtype, int k, long rows, List<ColumnEntry> columns, long fileLength) {
        this.dtype = dtype;
        this.k = k;
        this.rows = rows;
        this.columns = List.copyOf(columns);
        this.fileLength = fileLength;
    }

    static TableLayout of(Dtype dtype, int k, long rows, boolean withIds, List<String> resultColumns) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be at least 1, got " + k);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("row count must not be negative, got " + rows);
        }
        int count = 2 + (withIds ? 1 : 0) + resultColumns.size();
        if (count > MAX_COLUMNS) {
            throw new IllegalArgumentException("a table holds at most " + MAX_COLUMNS + " columns, asked for " + count);
        }
        Set<String> seen = new HashSet<>();
        for (String name : resultColumns) {
            checkResultColumnName(name);
            if (!seen.add(name)) {
                throw new IllegalArgumentException("result column '" + name + "' named twice");
            }
        }
        long valueBytes = Math.multiplyExact(Math.multiplyExact(rows, (long) k), (long) dtype.bytes());
        long perRowBytes = Math.multiplyExact(rows, 8L);
        List<ColumnEntry> columns = new ArrayList<>();
        long offset = headerLength(count);
        offset = place(columns, PairTable.P, ColumnType.of(dtype), offset, valueBytes);
        offset = place(columns, PairTable.Q, ColumnType.of(dtype), offset, valueBytes);
        if (withIds) {
            offset = place(columns, PairTable.IDS, ColumnType.INT64, offset, perRowBytes);
        }
        for (String name : resultColumns) {
            offset = place(columns, name, ColumnType.FLOAT64, offset, perRowBytes);
        }
        long end = columns.getLast().end();
        return new TableLayout(dtype, k, rows, columns, end);
    }

    private static long place(List<ColumnEntry> columns, String name, ColumnType type, long offset, long length) {
        columns.add(new ColumnEntry(name, type, offset, length, 0));
        return alignUp(Math.addExact(offset, length));
    }

    static long headerLength(int columnCount) {
        return FIXED_HEADER_BYTES + (long) DIRECTORY_ENTRY_BYTES * columnCount;
    }

    static long alignUp(long offset) {
        return Math.addExact(offset, OffHeapMemory.ALIGNMENT - 1) & -OffHeapMemory.ALIGNMENT;
    }

    /** Result column names: 1 to 32 bytes of UTF-8 without NUL, and not one of the names p, q, id. */
    static void checkResultColumnName(String name) {
        if (name.equals(PairTable.P) || name.equals(PairTable.Q) || name.equals(PairTable.IDS)) {
            throw new IllegalArgumentException("'" + name + "' is reserved; result columns need another name");
        }
        int encoded = name.getBytes(StandardCharsets.UTF_8).length;
        if (encoded == 0 || encoded > NAME_BYTES || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("column name '" + name + "' must be 1 to " + NAME_BYTES
                    + " bytes of UTF-8 without NUL characters");
        }
    }

    Dtype dtype() {
        return dtype;
    }

    int k() {
        return k;
    }

    long rows() {
        return rows;
    }

    long headerLength() {
        return headerLength(columns.size());
    }

    long fileLength() {
        return fileLength;
    }

    List<ColumnEntry> columns() {
        return columns;
    }

    ColumnEntry column(String name) {
        for (ColumnEntry column : columns) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "'");
    }
}
