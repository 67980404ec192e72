package io.kldiv.cli;

import io.kldiv.Dtype;
import io.kldiv.Measure;
import io.kldiv.io.AtomicOutput;
import io.kldiv.io.NativeOrderCopy;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.kernel.RowStatus;
import io.kldiv.npy.NpyWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes per-row results: .npy (float64, shape [N] for one measure, [N, M] for several, columns in the order
 * given) or .csv (a header row, then the row index and one column per measure). Rows skipped by policy
 * {@code skip} are left out; under {@code nan} they are written as NaN. Published atomically.
 */
final class ResultsOutput {
    private static final int BLOCK_ROWS = 8192;

    private ResultsOutput() {
    }

    /** True for the file names this writer understands. */
    static boolean supports(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".npy") || name.endsWith(".csv");
    }

    static void write(Path file, List<Measure> measures, ResultColumns results, long rows, boolean skipInvalid,
            long keptRows) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            writeCsv(file, measures, results, rows, skipInvalid);
        } else {
            writeNpy(file, measures.size(), results, rows, skipInvalid, keptRows);
        }
    }

    /**
     * Whole blocks of rows at a time: each column's block is one bulk copy (and a single column without skipped
     * rows is one copy in all). A value or status read per row goes through the memory-access layer, which in a
     * short job runs interpreted, about a microsecond a row.
     */
    private static void writeNpy(Path file, int m, ResultColumns results, long rows, boolean skipInvalid, long keptRows)
            throws IOException {
        try (NpyWriter writer = m == 1 ? NpyWriter.create(file, Dtype.FLOAT64, keptRows)
                : NpyWriter.create(file, Dtype.FLOAT64, keptRows, m)) {
            if (m == 1 && !skipInvalid && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                writer.append(results.columns().get(0).asSlice(0, rows * Double.BYTES));
            } else {
                double[][] columns = new double[m][BLOCK_ROWS];
                byte[] status = new byte[skipInvalid ? BLOCK_ROWS : 0];
                double[] block = new double[BLOCK_ROWS * m];
                for (long start = 0; start < rows; start += BLOCK_ROWS) {
                    int n = (int) Math.min(BLOCK_ROWS, rows - start);
                    for (int j = 0; j < m; j++) {
                        NativeOrderCopy.toArray(results.columns().get(j), start * Double.BYTES, columns[j], n);
                    }
                    if (skipInvalid) {
                        NativeOrderCopy.toArray(results.status(), start, status, n);
                    }
                    int filled = 0;
                    for (int i = 0; i < n; i++) {
                        if (skipInvalid && status[i] != RowStatus.VALID) {
                            continue;
                        }
                        for (int j = 0; j < m; j++) {
                            block[filled++] = columns[j][i];
                        }
                    }
                    writer.append(filled == block.length ? block : Arrays.copyOf(block, filled));
                }
            }
            writer.finish();
        }
    }

    private static void writeCsv(Path file, List<Measure> measures, ResultColumns results, long rows, boolean skipInvalid)
            throws IOException {
        try (AtomicOutput output = AtomicOutput.create(file)) {
            try (BufferedWriter w = Files.newBufferedWriter(output.tempFile(), StandardCharsets.UTF_8)) {
                w.write("row");
                for (Measure m : measures) {
                    w.write(',');
                    w.write(m.id());
                }
                w.write('\n');
                for (long r = 0; r < rows; r++) {
                    if (skipInvalid && results.status(r) != RowStatus.VALID) {
                        continue;
                    }
                    w.write(Long.toString(r));
                    for (int j = 0; j < measures.size(); j++) {
                        w.write(',');
                        w.write(csvNumber(results.get(j, r)));
                    }
                    w.write('\n');
                }
            }
            output.commit();
        }
    }

    /** Shortest round-trip decimal; non-finite values as NumPy and pandas spell them. */
    static String csvNumber(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }
}
