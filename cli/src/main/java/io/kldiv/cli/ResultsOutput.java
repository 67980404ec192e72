package io.kldiv.cli;

import io.kldiv.Dtype;
import io.kldiv.Measure;
import io.kldiv.io.AtomicOutput;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.kernel.RowStatus;
import io.kldiv.npy.NpyWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static void writeNpy(Path file, int m, ResultColumns results, long rows, boolean skipInvalid, long keptRows)
            throws IOException {
        try (NpyWriter writer = m == 1 ? NpyWriter.create(file, Dtype.FLOAT64, keptRows)
                : NpyWriter.create(file, Dtype.FLOAT64, keptRows, m)) {
            double[] block = new double[BLOCK_ROWS * m];
            int filled = 0;
            for (long r = 0; r < rows; r++) {
                if (skipInvalid && results.status(r) != RowStatus.VALID) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    block[filled++] = results.get(j, r);
                }
                if (filled == block.length) {
                    writer.append(block);
                    filled = 0;
                }
            }
            if (filled > 0) {
                writer.append(java.util.Arrays.copyOf(block, filled));
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
