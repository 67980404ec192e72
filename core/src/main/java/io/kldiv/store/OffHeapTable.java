package io.kldiv.store;

import io.kldiv.Dtype;
import io.kldiv.io.ChronicleMemory;
import io.kldiv.io.OffHeapMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link PairTable} over views of off-heap blocks it owns, whatever those blocks are (allocated or mapped). */
final class OffHeapTable implements PairTable {
    private final String source;
    private final Path file;
    private final Dtype dtype;
    private final int k;
    private final long rows;
    private final MemorySegment p;
    private final MemorySegment q;
    private final MemorySegment ids;
    private final Map<String, MemorySegment> results;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param storedResults result columns that came with the table, in order
     * @param memory        the blocks the segments live in; closed with the table
     */
    OffHeapTable(String source, Path file, Dtype dtype, int k, long rows, MemorySegment p, MemorySegment q,
            MemorySegment ids, Map<String, MemorySegment> storedResults, AutoCloseable... memory) {
        this.source = source;
        this.file = file;
        this.dtype = dtype;
        this.k = k;
        this.rows = rows;
        this.p = p;
        this.q = q;
        this.ids = ids;
        this.results = new LinkedHashMap<>(storedResults);
        this.owned.addAll(List.of(memory));
    }

    @Override
    public long rows() {
        checkOpen();
        return rows;
    }

    @Override
    public int k() {
        checkOpen();
        return k;
    }

    @Override
    public Dtype dtype() {
        checkOpen();
        return dtype;
    }

    @Override
    public MemorySegment p() {
        checkOpen();
        return p;
    }

    @Override
    public MemorySegment q() {
        checkOpen();
        return q;
    }

    @Override
    public Optional<MemorySegment> ids() {
        checkOpen();
        return Optional.ofNullable(ids);
    }

    @Override
    public synchronized MemorySegment addResultColumn(String name) {
        checkOpen();
        TableLayout.checkResultColumnName(name);
        if (results.containsKey(name)) {
            throw new IllegalArgumentException(source + " already has a result column '" + name + "'");
        }
        OffHeapMemory memory = ChronicleMemory.allocate(Math.multiplyExact(rows, 8L));
        owned.add(memory);
        MemorySegment column = memory.segment(0, memory.length());
        results.put(name, column);
        return column;
    }

    @Override
    public synchronized Optional<MemorySegment> resultColumn(String name) {
        checkOpen();
        return Optional.ofNullable(results.get(name));
    }

    @Override
    public synchronized List<String> resultColumnNames() {
        checkOpen();
        return List.copyOf(results.keySet());
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Exception failure = null;
        for (AutoCloseable memory : owned.reversed()) {
            try {
                memory.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        owned.clear();
        if (failure instanceof IOException io) {
            throw new UncheckedIOException("closing " + source + ": " + io.getMessage(), io);
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure != null) {
            throw new IllegalStateException("closing " + source + ": " + failure.getMessage(), failure);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("table " + source + " is closed");
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
