package io.kldiv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After close, a table and every segment taken from it refuse access with an exception instead of crashing. */
class UseAfterCloseTest {
    @TempDir
    Path dir;

    private static void assertClosed(PairTable table, MemorySegment p, MemorySegment result) {
        table.close();
        table.close();
        assertTrue(table.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, table::p);
        assertEquals("table " + table.source() + " is closed", e.getMessage());
        assertThrows(IllegalStateException.class, table::rows);
        assertThrows(IllegalStateException.class, () -> table.addResultColumn("js"));
        assertThrows(IllegalStateException.class, () -> p.get(TableValues.FLOAT_LE, 0));
        assertThrows(IllegalStateException.class, () -> result.get(TableValues.DOUBLE_LE, 0));
    }

    @Test
    void inMemoryTable() {
        PairTable table = PairTable.allocate(Dtype.FLOAT32, 4, 10, false);
        MemorySegment p = table.p();
        p.set(TableValues.FLOAT_LE, 0, 0.5f);
        assertClosed(table, p, table.addResultColumn("kl"));
    }

    @Test
    void mappedTable() throws IOException {
        Path file = dir.resolve("t.kls");
        try (TableWriter writer = TableWriter.create(file, Dtype.FLOAT32, 4, 1, false)) {
            writer.appendRow(new float[] {1, 0, 0, 0}, new float[] {0, 0, 0, 1});
            writer.finish();
        }
        PairTable table = TableFile.open(file);
        MemorySegment p = table.p();
        assertEquals(1f, p.get(TableValues.FLOAT_LE, 0));
        assertClosed(table, p, table.addResultColumn("kl"));
    }

    @Test
    void writerSegmentsDieWithTheWriter() throws IOException {
        TableWriter writer = TableWriter.create(dir.resolve("t.kls"), Dtype.FLOAT64, 1, 1, false, java.util.List.of("kl"));
        MemorySegment kl = writer.resultColumn("kl");
        writer.close();
        assertThrows(IllegalStateException.class, () -> kl.get(TableValues.DOUBLE_LE, 0));
        assertThrows(IllegalStateException.class, () -> writer.resultColumn("kl"));
    }
}
