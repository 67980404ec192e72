package io.kldiv.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table file appears at its destination complete or not at all; an old file stays until the new one is done. */
class TableWriterAtomicityTest {
    @TempDir
    Path dir;

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private Path writeTable(String name, long rows, int seed) throws IOException {
        Path file = dir.resolve(name);
        try (TableWriter writer = TableWriter.create(file, Dtype.FLOAT32, 2, rows, false)) {
            for (long r = 0; r < rows; r++) {
                writer.appendRow(TableValues.floatRow('p', r + seed, 2), TableValues.floatRow('q', r + seed, 2));
            }
            writer.finish();
        }
        return file;
    }

    @Test
    void abandonedWriterLeavesNothing() throws IOException {
        Path file = dir.resolve("t.kls");
        try (TableWriter writer = TableWriter.create(file, Dtype.FLOAT32, 2, 5, false)) {
            writer.appendRow(new float[] {1, 0}, new float[] {0, 1});
            assertEquals(2, filesInDir().size(), "only the temporary file and its lock file exist while writing");
            assertFalse(Files.exists(file));
        }
        assertEquals(List.of(), filesInDir());
    }

    @Test
    void writerFailingMidwayLeavesNothing() throws IOException {
        Path file = dir.resolve("t.kls");
        assertThrows(IllegalStateException.class, () -> {
            try (TableWriter writer = TableWriter.create(file, Dtype.FLOAT32, 2, 2, false)) {
                for (int r = 0; r < 3; r++) {
                    writer.appendRow(new float[] {1, 0}, new float[] {0, 1});
                }
                writer.finish();
            }
        });
        assertEquals(List.of(), filesInDir());
    }

    @Test
    void failedReplacementKeepsTheOldFileIntact() throws IOException {
        Path file = writeTable("t.kls", 3, 0);
        byte[] old = Files.readAllBytes(file);
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
            try (TableWriter writer = TableWriter.create(file, Dtype.FLOAT32, 2, 10, false)) {
                writer.appendRow(TableValues.floatRow('p', 100, 2), TableValues.floatRow('q', 100, 2));
                assertArrayEquals(old, Files.readAllBytes(file), "the old file is untouched while writing");
                throw new RuntimeException("producer crashed");
            }
        });
        assertEquals("producer crashed", thrown.getMessage());
        assertArrayEquals(old, Files.readAllBytes(file));
        assertEquals(List.of(file), filesInDir());
        try (PairTable table = TableFile.open(file)) {
            TableRoundTripTest.assertValues(table, 3, 2);
        }
    }

    @Test
    void finishingWithMissingRowsPublishesNothing() throws IOException {
        Path file = writeTable("t.kls", 3, 0);
        byte[] old = Files.readAllBytes(file);
        try (TableWriter writer = TableWriter.create(file, Dtype.FLOAT32, 2, 4, false)) {
            writer.appendRow(new float[] {1, 0}, new float[] {0, 1});
            IllegalStateException e = assertThrows(IllegalStateException.class, writer::finish);
            assertTrue(e.getMessage().contains("declared with 4 rows but 1 were appended"), e.getMessage());
        }
        assertArrayEquals(old, Files.readAllBytes(file));
        assertEquals(List.of(file), filesInDir());
    }

    @Test
    void finishingWithMissingIdsPublishesNothing() throws IOException {
        Path file = dir.resolve("t.kls");
        try (TableWriter writer = TableWriter.create(file, Dtype.FLOAT64, 1, 2, true)) {
            writer.appendRows(new double[] {1, 1}, new double[] {1, 1});
            writer.appendIds(7);
            IllegalStateException e = assertThrows(IllegalStateException.class, writer::finish);
            assertTrue(e.getMessage().contains("1 ids were appended"), e.getMessage());
        }
        assertEquals(List.of(), filesInDir());
    }

    @Test
    void completedReplacementTakesThePlaceOfTheOldFile() throws IOException {
        Path file = writeTable("t.kls", 3, 0);
        byte[] old = Files.readAllBytes(file);
        writeTable("t.kls", 3, 50);
        assertFalse(java.util.Arrays.equals(old, Files.readAllBytes(file)));
        assertEquals(List.of(file), filesInDir());
        try (PairTable table = TableFile.open(file)) {
            assertEquals((float) TableValues.value('p', 50, 0), table.p().getAtIndex(TableValues.FLOAT_LE, 0));
        }
    }

    @Test
    void wrongInputsAreRejectedWithoutDamage() throws IOException {
        Path file = dir.resolve("t.kls");
        try (TableWriter writer = TableWriter.create(file, Dtype.FLOAT32, 3, 2, false)) {
            assertThrows(IllegalArgumentException.class, () -> writer.appendRow(new double[3], new double[3]));
            assertThrows(IllegalArgumentException.class, () -> writer.appendRow(new float[2], new float[3]));
            assertThrows(IllegalArgumentException.class, () -> writer.appendRows(new float[4], new float[4]));
            assertThrows(IllegalStateException.class, () -> writer.appendIds(1));
            assertEquals(0, writer.rowsWritten());
            writer.appendRows(new float[6], new float[6]);
            writer.finish();
            assertThrows(IllegalStateException.class, () -> writer.appendRow(new float[3], new float[3]));
        }
        try (PairTable table = TableFile.open(file)) {
            assertEquals(2, table.rows());
        }
    }
}
