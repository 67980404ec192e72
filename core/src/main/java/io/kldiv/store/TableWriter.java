package io.kldiv.store;

import io.kldiv.Dtype;
import io.kldiv.io.ChronicleMemory;
import io.kldiv.io.MappedOutput;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a table file (docs/FORMAT.md) row by row without holding it on the Java heap.
 *
 * <p>The row count is declared up front: it fixes where every column starts, so rows go straight to their
 * final place in a memory-mapped temporary file (grown sparsely to its final size) and nothing is copied
 * afterwards. {@link #finish()} checks that every declared row (and id) arrived, writes the header with the
 * checksums, forces the file to disk and renames it over the destination atomically. Until then the
 * destination is untouched; {@link #close()} without {@code finish()} (or any failure) deletes the temporary
 * file and leaves the destination absent or as it was.
 *
 * <p>Values are appended in the table's dtype: float[] rows for float32 tables, double[] rows for float64,
 * segments of little-endian values in the table's dtype for either. Result columns declared at creation are
 * writable through {@link #resultColumn(String)} until {@code finish()}.
 */
public final class TableWriter implements AutoCloseable {
    private final TableLayout layout;
    private final MappedOutput output;
    private final ColumnAppender p;
    private final ColumnAppender q;
    private final ColumnAppender ids;
    private final long rowBytes;
    private boolean done;

    private TableWriter(TableLayout layout, MappedOutput output) {
        this.layout = layout;
        this.output = output;
        this.p = new ColumnAppender(view(PairTable.P));
        this.q = new ColumnAppender(view(PairTable.Q));
        this.ids = layout.columns().stream().anyMatch(c -> c.name().equals(PairTable.IDS))
                ? new ColumnAppender(view(PairTable.IDS))
                : null;
        this.rowBytes = (long) layout.k() * layout.dtype().bytes();
    }

    /** A writer for a table of exactly {@code rows} rows of {@code k} categories, without result columns. */
    public static TableWriter create(Path destination, Dtype dtype, int k, long rows, boolean withIds)
            throws IOException {
        return create(destination, dtype, k, rows, withIds, List.of());
    }

    /** As {@link #create(Path, Dtype, int, long, boolean)}, with float64 result columns of the given names. */
    public static TableWriter create(Path destination, Dtype dtype, int k, long rows, boolean withIds,
            List<String> resultColumns) throws IOException {
        TableLayout layout = TableLayout.of(dtype, k, rows, withIds, resultColumns);
        return new TableWriter(layout, MappedOutput.create(destination, layout.fileLength(), ChronicleMemory::mapReadWrite));
    }

    private MemorySegment view(String column) {
        ColumnEntry entry = layout.column(column);
        return output.segment(entry.offset(), entry.length());
    }

    public Path destination() {
        return output.destination();
    }

    public long rowsWritten() {
        return p.writtenBytes() / rowBytes;
    }

    /** Appends one row of a float32 table; both arrays hold exactly K values. */
    public void appendRow(float[] pRow, float[] qRow) {
        appendValues(pRow, qRow, rowCount(pRow.length, qRow.length, true), Dtype.FLOAT32);
    }

    /** Appends one row of a float64 table; both arrays hold exactly K values. */
    public void appendRow(double[] pRow, double[] qRow) {
        appendValues(pRow, qRow, rowCount(pRow.length, qRow.length, true), Dtype.FLOAT64);
    }

    /** Appends a block of rows of a float32 table: row-major, the same whole number of rows in each array. */
    public void appendRows(float[] pRows, float[] qRows) {
        appendValues(pRows, qRows, rowCount(pRows.length, qRows.length, false), Dtype.FLOAT32);
    }

    /** Appends a block of rows of a float64 table: row-major, the same whole number of rows in each array. */
    public void appendRows(double[] pRows, double[] qRows) {
        appendValues(pRows, qRows, rowCount(pRows.length, qRows.length, false), Dtype.FLOAT64);
    }

    /**
     * Appends {@code rows} rows from off-heap (or mapped) memory: each segment holds exactly
     * {@code rows * k * dtype.bytes()} bytes of little-endian values in the table's dtype, row-major.
     */
    public void append(MemorySegment pRows, MemorySegment qRows, long rows) {
        checkOpen();
        long bytes = Math.multiplyExact(rows, rowBytes);
        if (pRows.byteSize() != bytes || qRows.byteSize() != bytes) {
            throw new IllegalArgumentException(rows + " rows of " + layout.k() + " " + layout.dtype() + " values are "
                    + bytes + " bytes, got segments of " + pRows.byteSize() + " (p) and " + qRows.byteSize() + " (q)");
        }
        reserve(rows);
        p.append(pRows);
        q.append(qRows);
    }

    /** Appends row ids, in row order, to a table created with ids. */
    public void appendIds(long... rowIds) {
        checkOpen();
        if (ids == null) {
            throw new IllegalStateException(destination() + " was created without an id column");
        }
        if ((long) rowIds.length * Long.BYTES > ids.remainingBytes()) {
            throw new IllegalStateException("too many ids for " + destination() + ": it was declared with "
                    + layout.rows() + " rows");
        }
        ids.append(rowIds, 0, rowIds.length);
    }

    /** The writable float64 column declared as {@code name} at creation: {@code rows} little-endian values. */
    public MemorySegment resultColumn(String name) {
        checkOpen();
        ColumnEntry entry = layout.column(name);
        if (entry.type() != ColumnType.FLOAT64 || entry.name().equals(PairTable.IDS)) {
            throw new IllegalArgumentException("'" + name + "' is not a result column");
        }
        return view(name);
    }

    private void appendValues(float[] pValues, float[] qValues, int rows, Dtype arrayType) {
        startAppend(rows, arrayType);
        p.append(pValues, 0, pValues.length);
        q.append(qValues, 0, qValues.length);
    }

    private void appendValues(double[] pValues, double[] qValues, int rows, Dtype arrayType) {
        startAppend(rows, arrayType);
        p.append(pValues, 0, pValues.length);
        q.append(qValues, 0, qValues.length);
    }

    private void startAppend(long rows, Dtype arrayType) {
        checkOpen();
        if (arrayType != layout.dtype()) {
            throw new IllegalArgumentException(destination() + " is a " + layout.dtype() + " table; append "
                    + switch (layout.dtype()) {
                        case FLOAT32 -> "float[] rows";
                        case FLOAT64 -> "double[] rows";
                        case BFLOAT16, FLOAT16 -> "rows as segments of 16-bit values";
                    });
        }
        reserve(rows);
    }

    private int rowCount(int pLength, int qLength, boolean oneRow) {
        int k = layout.k();
        boolean fits = oneRow ? pLength == k && qLength == k : pLength == qLength && pLength % k == 0;
        if (!fits) {
            throw new IllegalArgumentException("p and q must hold " + (oneRow ? "one row" : "the same whole number of rows")
                    + " of K = " + k + " values; got " + pLength + " and " + qLength + " values");
        }
        return pLength / k;
    }

    private void reserve(long rows) {
        if (rows > layout.rows() - rowsWritten()) {
            throw new IllegalStateException("too many rows for " + destination() + ": it was declared with "
                    + layout.rows() + " rows, " + rowsWritten() + " are written, " + rows + " more offered");
        }
    }

    /**
     * Completes the file: checks every declared row and id was appended, writes the header and checksums,
     * forces the file to disk and publishes it at the destination atomically. The writer is closed afterwards,
     * whether this succeeds or not.
     *
     * @return the destination path
     */
    public Path finish() throws IOException {
        checkOpen();
        try {
            if (rowsWritten() != layout.rows()) {
                throw new IllegalStateException(destination() + " was declared with " + layout.rows()
                        + " rows but " + rowsWritten() + " were appended");
            }
            if (ids != null && ids.remainingBytes() != 0) {
                throw new IllegalStateException(destination() + " was declared with " + layout.rows()
                        + " rows but " + ids.writtenBytes() / Long.BYTES + " ids were appended");
            }
            List<ColumnEntry> columns = new ArrayList<>();
            for (ColumnEntry column : layout.columns()) {
                columns.add(column.withCrc(switch (column.name()) {
                    case PairTable.P -> p.crc();
                    case PairTable.Q -> q.crc();
                    case PairTable.IDS -> ids.crc();
                    default -> Crc32c.of(view(column.name()));
                }));
            }
            TableHeader header = new TableHeader(layout.dtype(), layout.k(), layout.rows(), layout.fileLength(), columns);
            MemorySegment.copy(MemorySegment.ofArray(header.encode()), 0, output.segment(0, layout.headerLength()), 0,
                    layout.headerLength());
            done = true;
            output.commit();
            return destination();
        } finally {
            close();
        }
    }

    /** Abandons the file unless {@link #finish()} completed: the temporary file is deleted. Idempotent. */
    @Override
    public void close() throws IOException {
        done = true;
        output.close();
    }

    private void checkOpen() {
        if (done) {
            throw new IllegalStateException("writer for " + destination() + " is finished or closed");
        }
    }
}
