package io.kldiv.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import io.kldiv.store.PairTable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyPairTest {
    @TempDir
    Path dir;

    @Test
    void twoNpyFilesAreATableWithoutImport() throws IOException {
        Path p = HandMadeNpy.write(dir.resolve("p.npy"), 1, HandMadeNpy.dict("<f8", "(2, 3)"), 64,
                HandMadeNpy.doubles(0.2, 0.3, 0.5, 1, 0, 0));
        Path q = HandMadeNpy.write(dir.resolve("q.npy"), 2, HandMadeNpy.dict("<f8", "(2, 3)"), 64,
                HandMadeNpy.doubles(0.5, 0.25, 0.25, 0, 0, 1));
        PairTable table = NpyPair.open(p, q);
        assertEquals(Dtype.FLOAT64, table.dtype());
        assertEquals(2, table.rows());
        assertEquals(3, table.k());
        assertEquals(0.5, table.p().getAtIndex(NpyArrayTest.DOUBLE_LE, 2));
        assertEquals(1.0, table.q().getAtIndex(NpyArrayTest.DOUBLE_LE, 5));
        assertTrue(table.p().isReadOnly());
        MemorySegment kl = table.addResultColumn("kl");
        kl.setAtIndex(NpyArrayTest.DOUBLE_LE, 1, 3.5);
        MemorySegment q0 = table.q();
        table.close();
        assertThrows(IllegalStateException.class, () -> q0.get(NpyArrayTest.DOUBLE_LE, 0));
        assertThrows(IllegalStateException.class, () -> kl.get(NpyArrayTest.DOUBLE_LE, 0));
    }

    @Test
    void mismatchedShapesAreRejected() throws IOException {
        Path p = HandMadeNpy.write(dir.resolve("p.npy"), 1, HandMadeNpy.dict("<f4", "(2, 2)"), 64, new byte[16]);
        Path q = HandMadeNpy.write(dir.resolve("q.npy"), 1, HandMadeNpy.dict("<f4", "(1, 2)"), 64, new byte[8]);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyPair.open(p, q));
        assertTrue(e.getMessage().contains("shape (1, 2) does not match " + p + " with shape (2, 2)"), e.getMessage());
    }
}
