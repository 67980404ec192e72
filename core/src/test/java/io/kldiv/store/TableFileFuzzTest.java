package io.kldiv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import io.kldiv.testing.FuzzCorpus;
import io.kldiv.testing.MutationFuzzer;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged table files, made by a seeded mutation fuzzer from a good one (float32, K = 3, N = 4, columns p, q,
 * id, kl: 320-byte header): {@link TableFile#open} either reads exactly the good file's content or rejects the
 * file with one line. Half the inputs get a correct header CRC again, so the checks behind it are reached.
 */
class TableFileFuzzTest {
    static final long SEED = 0x6b6c646976L;
    static final int ITERATIONS = 3000;

    @TempDir
    Path dir;

    static byte[] goodFile(Path dir) throws IOException {
        Path file = dir.resolve("good.kls");
        try (TableWriter writer = TableWriter.create(file, Dtype.FLOAT32, 3, 4, true, List.of("kl"))) {
            for (long r = 0; r < 4; r++) {
                writer.appendRow(TableValues.floatRow('p', r, 3), TableValues.floatRow('q', r, 3));
                writer.appendIds(TableValues.id(r));
                writer.resultColumn("kl").setAtIndex(TableValues.DOUBLE_LE, r, TableValues.result(r));
            }
            writer.finish();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    /** Gives a mutated file a correct header CRC32C (FORMAT.md: bytes 0 to 64 + 64·C, with bytes 40–43 as zero). */
    static byte[] withHeaderCrc(byte[] input) {
        if (input.length < 64) {
            return input;
        }
        ByteBuffer b = ByteBuffer.wrap(input.clone()).order(ByteOrder.LITTLE_ENDIAN);
        int columns = b.getInt(20);
        if (columns < 2 || columns > 64 || input.length < 64 + 64 * columns) {
            return input;
        }
        b.putInt(40, 0);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 64 + 64 * columns);
        b.putInt(40, (int) crc.getValue());
        return b.array();
    }

    /** Opens the file with every check and compares what it read with the good file's values, written independently. */
    static void readsTheGoodContent(Path file) throws IOException {
        try (PairTable table = TableFile.open(file)) {
            assertEquals(Dtype.FLOAT32, table.dtype());
            assertEquals(3, table.k());
            assertEquals(4, table.rows());
            for (long r = 0; r < 4; r++) {
                float[] p = TableValues.floatRow('p', r, 3);
                float[] q = TableValues.floatRow('q', r, 3);
                for (int j = 0; j < 3; j++) {
                    assertEquals(p[j], table.p().getAtIndex(TableValues.FLOAT_LE, r * 3 + j));
                    assertEquals(q[j], table.q().getAtIndex(TableValues.FLOAT_LE, r * 3 + j));
                }
                assertEquals(TableValues.id(r), table.ids().orElseThrow().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, r));
                // A repaired header CRC makes a renamed result column a valid file: its values must still match.
                assertEquals(TableValues.result(r), table.resultColumn(table.resultColumnNames().getFirst())
                        .orElseThrow().getAtIndex(TableValues.DOUBLE_LE, r));
            }
            assertEquals(1, table.resultColumnNames().size());
        }
    }

    @Test
    void damagedHeadersAreReadExactlyOrRejectedInOneLine() throws IOException {
        byte[] good = goodFile(dir);
        Files.write(dir.resolve("check.kls"), good);
        readsTheGoodContent(dir.resolve("check.kls"));
        MutationFuzzer fuzzer = new MutationFuzzer(good, 320, true, TableFileFuzzTest::withHeaderCrc);
        MutationFuzzer.Report report = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> fuzzer.run(SEED, ITERATIONS, dir, "fuzzed.kls", TableFileFuzzTest::readsTheGoodContent));
        assertEquals(List.of(), report.findings(), "inputs the reader mishandled");
        assertTrue(report.rejected() > ITERATIONS / 2, "most damage is detected: " + report);
        assertTrue(report.accepted() > 0, "some damage is harmless (padding, reserved bytes): " + report);
        assertTrue(report.rejectionsByKind().size() >= 15,
                "the repaired CRC lets the fuzzer reach the checks behind it: " + report.rejectionsByKind().keySet());
    }

    @Test
    void corpusOfDamagedTablesIsRejectedInOneLine() throws IOException {
        List<Path> corpus = FuzzCorpus.copy("store", dir);
        assertFalse(corpus.isEmpty());
        for (Path file : corpus) {
            IOException e = assertThrows(IOException.class, () -> TableFile.open(file).close(), file.toString());
            assertTrue(e.getMessage().startsWith(file + ": ") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
