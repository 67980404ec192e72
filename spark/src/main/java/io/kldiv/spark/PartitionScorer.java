package io.kldiv.spark;

import io.kldiv.Dtype;
import io.kldiv.InvalidPolicy;
import io.kldiv.InvalidRowException;
import io.kldiv.ScoreOptions;
import io.kldiv.batch.RankAgreement;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.Kernels;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.kernel.RowStatus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Scores a partition's rows a block at a time: each row's p and q values are copied from Spark's memory into two
 * off-heap blocks (rows of one K side by side, as in a .npy file) and the block goes to the kernel in one call, so
 * small-K rows are vectorized across rows and the kernel's per-call costs are paid once per block. A row's results
 * depend only on its values (SEMANTICS.md), so blocking changes no bit.
 */
final class PartitionScorer implements AutoCloseable {
    /** Bytes of p and q per block, as core's batch chunks: large enough to amortize, small enough for cache. */
    private static final long BLOCK_BYTES = 4L << 20;
    private static final int MAX_ROWS = 4096;

    private final Iterator<InternalRow> input;
    private final int pOrdinal;
    private final int qOrdinal;
    private final ColumnKind pKind;
    private final ColumnKind qKind;
    private final Dtype dtype;
    private final ScoreOptions options;
    private final Kernel kernel = Kernels.best().kernel();
    private final boolean keepRows;
    private final String where;
    private final Arena arena = Arena.ofShared();
    private final ResultColumns out;
    private final SideView p = new SideView();
    private final SideView q = new SideView();

    private long sideCapacity = BLOCK_BYTES / 2;
    private MemorySegment pBlock;
    private MemorySegment qBlock;
    private final InternalRow[] rows = new InternalRow[MAX_ROWS];
    private final byte[] status = new byte[MAX_ROWS];
    private final int[] slot = new int[MAX_ROWS];
    private int size;
    private int slots;
    private int blockK;
    private long firstIndex;
    private long nextIndex;
    private long bytesScanned;
    private InternalRow pending;
    private RankAgreement ranks;

    /**
     * @param keepRows whether {@link #row} is wanted (rows are then copied: Spark reuses the input row object)
     */
    PartitionScorer(Iterator<InternalRow> input, ScoringPlan plan, boolean keepRows) {
        this.input = input;
        this.pOrdinal = plan.pOrdinal();
        this.qOrdinal = plan.qOrdinal();
        this.pKind = plan.pKind();
        this.qKind = plan.qKind();
        this.dtype = plan.dtype();
        this.options = plan.options().scoreOptions();
        this.keepRows = keepRows;
        this.where = RowCheck.where();
        List<MemorySegment> columns = new ArrayList<>();
        for (int m = 0; m < options.measures().size(); m++) {
            columns.add(arena.allocate((long) MAX_ROWS * Double.BYTES, 64));
        }
        out = new ResultColumns(columns, arena.allocate(MAX_ROWS, 64));
        allocateBlocks();
    }

    /**
     * Reads and scores the next block of rows.
     *
     * @return false when the partition has no more rows
     * @throws InvalidRowException   under policy {@code error}, for the partition's first invalid row
     * @throws InputProblemException under policy {@code error}, for a row that cannot be scored at all
     */
    boolean nextBlock() {
        size = 0;
        slots = 0;
        blockK = -1;
        ranks = null;
        firstIndex = nextIndex;
        while (size < MAX_ROWS) {
            InternalRow row = pending;
            pending = null;
            if (row == null) {
                if (!input.hasNext()) {
                    break;
                }
                row = input.next();
            }
            p.read(row.isNullAt(pOrdinal) ? null : value(row, pOrdinal, pKind), pKind, dtype);
            q.read(row.isNullAt(qOrdinal) ? null : value(row, qOrdinal, qKind), qKind, dtype);
            byte outcome = RowCheck.check(p, q);
            if (outcome == RowStatus.VALID) {
                long rowBytes = (long) p.length * dtype.bytes();
                if (slots > 0 && (p.length != blockK || (slots + 1) * rowBytes > sideCapacity)) {
                    pending = row.copy(); // starts the next block
                    break;
                }
                if (rowBytes > sideCapacity) {
                    sideCapacity = rowBytes;
                    allocateBlocks();
                }
                blockK = p.length;
                MemorySegment.copy(p.values, 0, pBlock, slots * rowBytes, rowBytes);
                MemorySegment.copy(q.values, 0, qBlock, slots * rowBytes, rowBytes);
                slot[size] = slots++;
            } else {
                slot[size] = -1;
                if (options.onInvalid() == InvalidPolicy.ERROR) {
                    RuntimeException error = RowCheck.error(outcome, p, q, where, nextIndex);
                    if (error != null) {
                        scoreBlock(); // an invalid row before this one is the one to report
                        throw error;
                    }
                }
            }
            status[size] = outcome;
            rows[size] = keepRows ? row.copy() : null;
            size++;
            nextIndex++;
        }
        if (size == 0) {
            return false;
        }
        scoreBlock();
        for (int i = 0; i < size; i++) {
            if (slot[i] >= 0) {
                status[i] = out.status(slot[i]);
            }
        }
        return true;
    }

    private static Object value(InternalRow row, int ordinal, ColumnKind kind) {
        return kind == ColumnKind.BINARY ? row.getBinary(ordinal) : row.getArray(ordinal);
    }

    private void scoreBlock() {
        if (slots == 0) {
            return;
        }
        PairRows block = PairRows.contiguous(pBlock, qBlock, dtype, blockK, slots);
        try {
            kernel.score(block, options, 0, slots, out);
        } catch (InvalidRowException e) {
            throw e.at(where, firstIndex + blockRow(Math.toIntExact(e.row())));
        }
        bytesScanned += block.bytesScanned();
        ranks = new RankAgreement(block, 0, kernel.floatArgmax());
    }

    private int blockRow(int scoredSlot) {
        for (int i = 0; ; i++) {
            if (slot[i] == scoredSlot) {
                return i;
            }
        }
    }

    private void allocateBlocks() {
        pBlock = arena.allocate(sideCapacity, 64);
        qBlock = arena.allocate(sideCapacity, 64);
    }

    /** Rows in the current block. */
    int size() {
        return size;
    }

    /** The index within the partition of the block's first row. */
    long firstIndex() {
        return firstIndex;
    }

    /** The block's row {@code i} as it came in (only with {@code keepRows}). */
    InternalRow row(int i) {
        return rows[i];
    }

    /** The row's outcome: {@link RowStatus#VALID}, an invalid reason's status, or an {@link InputProblem}'s. */
    byte status(int i) {
        return status[i];
    }

    /** Result {@code m} of a valid row. */
    double value(int m, int i) {
        return out.get(m, slot[i]);
    }

    /** Whether a valid row's p and q have their largest value at the same category (core's rule for ties). */
    boolean argmaxAgrees(int i) {
        return ranks.argmaxAgrees(slot[i]);
    }

    /** The K of the current block's scored rows, or -1 when it has none. */
    int k() {
        return blockK;
    }

    /** p and q bytes scored so far. */
    long bytesScanned() {
        return bytesScanned;
    }

    String kernelName() {
        return kernel.name();
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) { // closed at the end of the rows, and again when the task completes
            arena.close();
        }
    }
}
