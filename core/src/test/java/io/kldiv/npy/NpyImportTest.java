package io.kldiv.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import io.kldiv.store.PairTable;
import io.kldiv.store.TableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyImportTest {
    @TempDir
    Path dir;

    private static double value(char side, long row, int col) {
        return (side == 'p' ? 1 : -1) * (row * 10_000.0 + col) / 3.0;
    }

    private static double[] values(char side, int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                values[r * cols + c] = value(side, r, c);
            }
        }
        return values;
    }

    @Test
    void importsAPairAcrossSeveralChunks() throws IOException {
        // 1030 rows × 1024 float64 = 8.4 MB per side: more than one 8 MiB copy chunk.
        int rows = 1030;
        int cols = 1024;
        String dict = HandMadeNpy.dict("<f8", "(" + rows + ", " + cols + ")");
        Path p = HandMadeNpy.write(dir.resolve("p.npy"), 1, dict, 64, HandMadeNpy.doubles(values('p', rows, cols)));
        Path q = HandMadeNpy.write(dir.resolve("q.npy"), 2, dict, 64, HandMadeNpy.doubles(values('q', rows, cols)));
        Path table = NpyImport.importPair(p, q, dir.resolve("pq.kls"));
        try (PairTable t = TableFile.open(table)) {
            assertEquals(Dtype.FLOAT64, t.dtype());
            assertEquals(rows, t.rows());
            assertEquals(cols, t.k());
            for (long r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    long i = r * cols + c;
                    assertEquals(value('p', r, c), t.p().getAtIndex(NpyArrayTest.DOUBLE_LE, i));
                    assertEquals(value('q', r, c), t.q().getAtIndex(NpyArrayTest.DOUBLE_LE, i));
                }
            }
        }
    }

    @Test
    void importsFloat32() throws IOException {
        Path p = HandMadeNpy.write(dir.resolve("p.npy"), 1, HandMadeNpy.dict("<f4", "(2, 1)"), 64,
                HandMadeNpy.floats(0.5f, 1f));
        Path q = HandMadeNpy.write(dir.resolve("q.npy"), 3, HandMadeNpy.dict("<f4", "(2, 1)"), 1,
                HandMadeNpy.floats(0.25f, 2f));
        try (PairTable t = TableFile.open(NpyImport.importPair(p, q, dir.resolve("pq.kls")))) {
            assertEquals(Dtype.FLOAT32, t.dtype());
            assertEquals(1f, t.p().getAtIndex(NpyArrayTest.FLOAT_LE, 1));
            assertEquals(0.25f, t.q().getAtIndex(NpyArrayTest.FLOAT_LE, 0));
        }
    }

    @Test
    void shapeMismatchNamesBothFilesAndShapes() throws IOException {
        Path p = HandMadeNpy.write(dir.resolve("p.npy"), 1, HandMadeNpy.dict("<f4", "(3, 4)"), 64, new byte[48]);
        Path q = HandMadeNpy.write(dir.resolve("q.npy"), 1, HandMadeNpy.dict("<f4", "(3, 5)"), 64, new byte[60]);
        Path out = dir.resolve("pq.kls");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyImport.importPair(p, q, out));
        assertEquals(q + ": shape (3, 5) does not match " + p + " with shape (3, 4); p and q must have the same shape",
                e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void dtypeMismatchIsRejected() throws IOException {
        Path p = HandMadeNpy.write(dir.resolve("p.npy"), 1, HandMadeNpy.dict("<f4", "(1, 2)"), 64, new byte[8]);
        Path q = HandMadeNpy.write(dir.resolve("q.npy"), 1, HandMadeNpy.dict("<f8", "(1, 2)"), 64, new byte[16]);
        NpyFormatException e = assertThrows(NpyFormatException.class,
                () -> NpyImport.importPair(p, q, dir.resolve("pq.kls")));
        assertTrue(e.getMessage().contains("dtype float64 does not match " + p + " with dtype float32"), e.getMessage());
    }
}
