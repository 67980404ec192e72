package io.kldiv.bench;

import io.kldiv.Dtype;
import io.kldiv.ScoreOptions;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.store.PairTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One trial's data: an off-heap table from the store (64-byte aligned columns) filled with valid rows of the
 * benchmark's dtype and input form, sized by its working set, plus off-heap result columns for all rows.
 */
final class Workload implements AutoCloseable {
    static final long SEED = 0x6B6C646976L;
    /** Out of cache, the reference checks every 997th row (and the last): a prime, so rows of every phase. */
    static final long MEMORY_SAMPLE_STEP = 997;

    final Dtype dtype;
    final int k;
    final WorkingSet workingSet;
    final ScoreOptions options;
    final PairTable table;
    final PairRows in;
    private final Arena arena = Arena.ofShared();
    private ResultColumns out;

    Workload(WorkingSet workingSet, String dtype, String form, String measure, int k) {
        this.dtype = Dtype.byId(dtype);
        this.k = k;
        this.workingSet = workingSet;
        this.options = MeasureSet.options(measure, form);
        long rows = workingSet.rows(this.dtype, k);
        this.table = PairTable.allocate(this.dtype, k, rows, false);
        try {
            BenchData.fill(table.p(), table.q(), this.dtype, options.pForm(), k, rows, SEED);
        } catch (RuntimeException | Error e) {
            table.close();
            throw e;
        }
        this.in = PairRows.contiguous(table.p(), table.q(), this.dtype, k, rows);
    }

    /** Result columns for every row, allocated once per trial (the kernels overwrite them on each pass). */
    ResultColumns out() {
        if (out == null) {
            long rows = in.rows();
            List<MemorySegment> columns = new ArrayList<>();
            for (int m = 0; m < options.measures().size(); m++) {
                columns.add(arena.allocate(rows * Double.BYTES, 64));
            }
            out = new ResultColumns(columns, arena.allocate(rows, 64));
        }
        return out;
    }

    /** Rows the accuracy check compares with the reference: all of them in cache, a sample out of cache. */
    long sampleStep() {
        return workingSet == WorkingSet.CACHE ? 1 : MEMORY_SAMPLE_STEP;
    }

    @Override
    public void close() {
        arena.close();
        table.close();
    }
}
