package io.kldiv.store;

import io.kldiv.Dtype;
import io.kldiv.io.ChronicleMemory;
import io.kldiv.io.OffHeapMemory;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * N rows of paired distributions over K categories, held off-heap: columns {@code p} and {@code q} (float32 or
 * float64, little-endian, row-major: row i starts at byte {@code i * k * dtype.bytes()}), optional int64 row
 * ids, and float64 result columns. Every column is one contiguous block starting at a 64-byte aligned address.
 *
 * <p>Two backings share this interface: {@link #allocate in-memory} tables, whose p, q and id columns are
 * writable, and {@link TableFile#open mapped files}, whose stored columns are read-only. Result columns added
 * with {@link #addResultColumn} are off-heap memory owned by the table in both cases.
 *
 * <p>{@link #close()} releases the memory. Afterwards every method throws {@link IllegalStateException}, and
 * so does any access through a segment obtained earlier: a use after close is an exception, never a crash.
 */
public interface PairTable extends AutoCloseable {
    String P = "p";
    String Q = "q";
    String IDS = "id";

    /** An in-memory table, zero-filled, with writable p, q (and id) columns. */
    static PairTable allocate(Dtype dtype, int k, long rows, boolean withIds) {
        TableLayout layout = TableLayout.of(dtype, k, rows, withIds, List.of());
        // The block mirrors a file's layout minus the header, so columns keep the file's 64-byte alignment.
        long skip = layout.headerLength();
        OffHeapMemory memory = ChronicleMemory.allocate(layout.fileLength() - skip);
        MemorySegment p = memory.segment(layout.column(P).offset() - skip, layout.column(P).length());
        MemorySegment q = memory.segment(layout.column(Q).offset() - skip, layout.column(Q).length());
        MemorySegment ids = withIds
                ? memory.segment(layout.column(IDS).offset() - skip, layout.column(IDS).length())
                : null;
        String source = "in-memory table (" + rows + " × " + k + " " + dtype + ")";
        return new OffHeapTable(source, null, dtype, k, rows, p, q, ids, Map.of(), memory);
    }

    /**
     * A table over p and q columns that live elsewhere, e.g. the data sections of two mapped .npy files.
     * Closing the table closes {@code owners} (after the table's own result columns). The columns are
     * 64-byte aligned only if the given segments are.
     */
    static PairTable over(String source, Dtype dtype, int k, long rows, MemorySegment p, MemorySegment q,
            AutoCloseable... owners) {
        long bytes = TableLayout.of(dtype, k, rows, false, List.of()).column(P).length();
        if (p.byteSize() != bytes || q.byteSize() != bytes) {
            throw new IllegalArgumentException(rows + " rows of " + k + " " + dtype + " values are " + bytes
                    + " bytes, got columns of " + p.byteSize() + " (p) and " + q.byteSize() + " (q)");
        }
        return new OffHeapTable(source, null, dtype, k, rows, p, q, null, Map.of(), owners);
    }

    long rows();

    /** Number of categories per row. */
    int k();

    Dtype dtype();

    /** The p column: exactly {@code rows() * k() * dtype().bytes()} bytes. */
    MemorySegment p();

    /** The q column, laid out like {@link #p()}. */
    MemorySegment q();

    /** Row ids, int64 little-endian, {@code rows() * 8} bytes, if the table has them. */
    Optional<MemorySegment> ids();

    /**
     * Adds a writable float64 column of {@code rows()} values (zero-filled, off-heap, owned by this table) and
     * returns it. Names are 1 to 32 bytes of UTF-8, not p, q or id, and not already used.
     */
    MemorySegment addResultColumn(String name);

    Optional<MemorySegment> resultColumn(String name);

    /** Result columns stored in the file first, then those added, in order. */
    List<String> resultColumnNames();

    /** What to call this table in messages: its file path, or a description of an in-memory table. */
    String source();

    /** The file this table is mapped from, if any. */
    Optional<Path> file();

    boolean isClosed();

    /** Releases the memory; idempotent. Segments obtained from this table become inaccessible. */
    @Override
    void close();
}
