package io.kldiv.batch;

import io.kldiv.kernel.ResultColumns;
import java.lang.foreign.Arena;

/**
 * A finished job: the per-row results (off-heap, one float64 column per measure and a status byte per row)
 * and the summary. Closing frees the result columns.
 */
public final class BatchResult implements AutoCloseable {
    private final Arena arena;
    private final ResultColumns columns;
    private final BatchSummary summary;

    BatchResult(Arena arena, ResultColumns columns, BatchSummary summary) {
        this.arena = arena;
        this.columns = columns;
        this.summary = summary;
    }

    public ResultColumns columns() {
        return columns;
    }

    public BatchSummary summary() {
        return summary;
    }

    @Override
    public void close() {
        arena.close();
    }
}
