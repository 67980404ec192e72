package io.kldiv.spark;

import io.kldiv.batch.ChunkTally;
import io.kldiv.kernel.ResultColumns;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scored rows of one summary chunk, in row order: a chunk cut by a partition boundary travels as rows, is joined
 * with its other pieces on the driver, and is tallied there in one sequence, exactly as if no boundary had cut it.
 */
final class ChunkRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int measures;
    private byte[] status = new byte[16];
    private double[][] values;
    private boolean[] agrees = new boolean[16];
    private int size;

    ChunkRows(int measures) {
        this.measures = measures;
        values = new double[measures][16];
    }

    void add(byte rowStatus, double[] rowValues, boolean argmaxAgrees) {
        if (size == status.length) {
            int n = 2 * size;
            status = Arrays.copyOf(status, n);
            agrees = Arrays.copyOf(agrees, n);
            for (int m = 0; m < measures; m++) {
                values[m] = Arrays.copyOf(values[m], n);
            }
        }
        status[size] = rowStatus;
        agrees[size] = argmaxAgrees;
        for (int m = 0; m < measures; m++) {
            values[m][size] = rowValues[m];
        }
        size++;
    }

    void addAll(ChunkRows next) {
        double[] row = new double[measures];
        for (int r = 0; r < next.size; r++) {
            for (int m = 0; m < measures; m++) {
                row[m] = next.values[m][r];
            }
            add(next.status[r], row, next.agrees[r]);
        }
    }

    /** Core's tally of these rows, added one by one in order. */
    ChunkTally tally() {
        List<MemorySegment> columns = new ArrayList<>();
        for (int m = 0; m < measures; m++) {
            columns.add(MemorySegment.ofArray(values[m]));
        }
        ResultColumns out = new ResultColumns(columns, MemorySegment.ofArray(status));
        ChunkTally tally = new ChunkTally(measures);
        for (int r = 0; r < size; r++) {
            tally.add(out, r, agrees[r]);
        }
        return tally;
    }
}
