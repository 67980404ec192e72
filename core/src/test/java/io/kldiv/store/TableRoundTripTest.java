package io.kldiv.store;

import static io.kldiv.store.TableValues.DOUBLE_LE;
import static io.kldiv.store.TableValues.FLOAT_LE;
import static io.kldiv.store.TableValues.LONG_LE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TableRoundTripTest {
    @TempDir
    Path dir;

    /** Writes rows through every append path: single rows, a block, and a segment. */
    private Path write(Dtype dtype, int k, long rows, boolean withIds, List<String> results) throws IOException {
        Path file = dir.resolve("t-" + dtype + "-" + k + "-" + rows + TableFile.EXTENSION);
        try (TableWriter writer = TableWriter.create(file, dtype, k, rows, withIds, results)) {
            long row = 0;
            for (; row < Math.min(rows, 2); row++) {
                appendRow(writer, dtype, row, k);
            }
            long block = Math.min(rows - row, 3);
            appendBlock(writer, dtype, row, (int) block, k);
            row += block;
            appendSegment(writer, dtype, row, rows - row, k);
            if (withIds) {
                for (long r = 0; r < rows; r++) {
                    writer.appendIds(TableValues.id(r));
                }
            }
            for (String name : results) {
                MemorySegment column = writer.resultColumn(name);
                for (long r = 0; r < rows; r++) {
                    column.setAtIndex(DOUBLE_LE, r, TableValues.result(r) + name.length());
                }
            }
            assertEquals(file, writer.finish());
        }
        return file;
    }

    private static void appendRow(TableWriter writer, Dtype dtype, long row, int k) {
        if (dtype == Dtype.FLOAT32) {
            writer.appendRow(TableValues.floatRow('p', row, k), TableValues.floatRow('q', row, k));
        } else {
            writer.appendRow(TableValues.doubleRow('p', row, k), TableValues.doubleRow('q', row, k));
        }
    }

    private static void appendBlock(TableWriter writer, Dtype dtype, long first, int count, int k) {
        if (dtype == Dtype.FLOAT32) {
            float[] p = new float[count * k];
            float[] q = new float[count * k];
            for (int r = 0; r < count; r++) {
                System.arraycopy(TableValues.floatRow('p', first + r, k), 0, p, r * k, k);
                System.arraycopy(TableValues.floatRow('q', first + r, k), 0, q, r * k, k);
            }
            writer.appendRows(p, q);
        } else {
            double[] p = new double[count * k];
            double[] q = new double[count * k];
            for (int r = 0; r < count; r++) {
                System.arraycopy(TableValues.doubleRow('p', first + r, k), 0, p, r * k, k);
                System.arraycopy(TableValues.doubleRow('q', first + r, k), 0, q, r * k, k);
            }
            writer.appendRows(p, q);
        }
    }

    private static void appendSegment(TableWriter writer, Dtype dtype, long first, long count, int k) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocate(count * k * dtype.bytes());
            MemorySegment q = arena.allocate(count * k * dtype.bytes());
            for (long r = 0; r < count; r++) {
                for (int c = 0; c < k; c++) {
                    set(p, dtype, (r * k + c), TableValues.value('p', first + r, c));
                    set(q, dtype, (r * k + c), TableValues.value('q', first + r, c));
                }
            }
            writer.append(p, q, count);
        }
    }

    private static void set(MemorySegment segment, Dtype dtype, long index, double value) {
        if (dtype == Dtype.FLOAT32) {
            segment.setAtIndex(FLOAT_LE, index, (float) value);
        } else {
            segment.setAtIndex(DOUBLE_LE, index, value);
        }
    }

    /** Bit-exact comparison of every value with what the test wrote. */
    static void assertValues(PairTable table, long rows, int k) {
        Dtype dtype = table.dtype();
        assertEquals(rows * k * dtype.bytes(), table.p().byteSize());
        assertEquals(rows * k * dtype.bytes(), table.q().byteSize());
        for (long r = 0; r < rows; r++) {
            for (int c = 0; c < k; c++) {
                long index = r * k + c;
                for (char side : new char[] {'p', 'q'}) {
                    MemorySegment column = side == 'p' ? table.p() : table.q();
                    double expected = TableValues.value(side, r, c);
                    if (dtype == Dtype.FLOAT32) {
                        assertEquals(Float.floatToRawIntBits((float) expected),
                                Float.floatToRawIntBits(column.getAtIndex(FLOAT_LE, index)), side + "[" + r + "," + c + "]");
                    } else {
                        assertEquals(Double.doubleToRawLongBits(expected),
                                Double.doubleToRawLongBits(column.getAtIndex(DOUBLE_LE, index)), side + "[" + r + "," + c + "]");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dtype.class, names = {"FLOAT32", "FLOAT64"}) // half tables: HalfInputsTest
    void fileRoundTripKeepsEveryValue(Dtype dtype) throws IOException {
        int k = 13;
        long rows = 11;
        Path file = write(dtype, k, rows, true, List.of("kl", "js-distance"));
        try (PairTable table = TableFile.open(file)) {
            assertEquals(rows, table.rows());
            assertEquals(k, table.k());
            assertEquals(dtype, table.dtype());
            assertEquals(file.toString(), table.source());
            assertValues(table, rows, k);
            MemorySegment ids = table.ids().orElseThrow();
            assertEquals(rows * 8, ids.byteSize());
            for (long r = 0; r < rows; r++) {
                assertEquals(TableValues.id(r), ids.getAtIndex(LONG_LE, r));
            }
            assertEquals(List.of("kl", "js-distance"), table.resultColumnNames());
            MemorySegment kl = table.resultColumn("kl").orElseThrow();
            MemorySegment js = table.resultColumn("js-distance").orElseThrow();
            for (long r = 0; r < rows; r++) {
                assertEquals(TableValues.result(r) + 2, kl.getAtIndex(DOUBLE_LE, r));
                assertEquals(TableValues.result(r) + 11, js.getAtIndex(DOUBLE_LE, r));
            }
            assertTrue(table.resultColumn("nope").isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dtype.class, names = {"FLOAT32", "FLOAT64"}) // half tables: HalfInputsTest
    void inMemoryRoundTripKeepsEveryValue(Dtype dtype) {
        int k = 9;
        long rows = 6;
        try (PairTable table = PairTable.allocate(dtype, k, rows, true)) {
            for (long r = 0; r < rows; r++) {
                for (int c = 0; c < k; c++) {
                    set(table.p(), dtype, r * k + c, TableValues.value('p', r, c));
                    set(table.q(), dtype, r * k + c, TableValues.value('q', r, c));
                }
                table.ids().orElseThrow().setAtIndex(LONG_LE, r, TableValues.id(r));
            }
            assertValues(table, rows, k);
            for (long r = 0; r < rows; r++) {
                assertEquals(TableValues.id(r), table.ids().orElseThrow().getAtIndex(LONG_LE, r));
            }
            assertTrue(table.file().isEmpty());
        }
    }

    @Test
    void everyColumnStartsOn64ByteBoundaryInBothBackings() throws IOException {
        Path file = write(Dtype.FLOAT32, 3, 5, true, List.of("r"));
        try (PairTable mapped = TableFile.open(file); PairTable memory = PairTable.allocate(Dtype.FLOAT32, 3, 5, true)) {
            for (PairTable table : List.of(mapped, memory)) {
                MemorySegment added = table.addResultColumn("added");
                for (MemorySegment column : List.of(table.p(), table.q(), table.ids().orElseThrow(), added)) {
                    assertEquals(0, column.address() % 64, table.source());
                }
            }
            assertEquals(0, mapped.resultColumn("r").orElseThrow().address() % 64);
        }
    }

    @Test
    void mappedColumnsAreReadOnlyAndAddedResultColumnsWritable() throws IOException {
        Path file = write(Dtype.FLOAT64, 4, 3, false, List.of("stored"));
        try (PairTable table = TableFile.open(file)) {
            assertTrue(table.p().isReadOnly());
            assertTrue(table.q().isReadOnly());
            assertTrue(table.resultColumn("stored").orElseThrow().isReadOnly());
            assertThrows(RuntimeException.class, () -> table.p().setAtIndex(DOUBLE_LE, 0, 1.0));
            assertTrue(table.ids().isEmpty());

            MemorySegment added = table.addResultColumn("kl");
            assertFalse(added.isReadOnly());
            assertEquals(3 * 8, added.byteSize());
            for (long r = 0; r < 3; r++) {
                assertEquals(0.0, added.getAtIndex(DOUBLE_LE, r), "added columns start zero-filled");
            }
            added.setAtIndex(DOUBLE_LE, 2, 7.5);
            assertEquals(7.5, table.resultColumn("kl").orElseThrow().getAtIndex(DOUBLE_LE, 2));
            assertEquals(List.of("stored", "kl"), table.resultColumnNames());
            assertThrows(IllegalArgumentException.class, () -> table.addResultColumn("kl"));
            assertThrows(IllegalArgumentException.class, () -> table.addResultColumn("stored"));
            assertThrows(IllegalArgumentException.class, () -> table.addResultColumn("p"));
            assertThrows(IllegalArgumentException.class, () -> table.addResultColumn("x".repeat(33)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dtype.class, names = {"FLOAT32", "FLOAT64"}) // half tables: HalfInputsTest
    void singleCategoryRowsRoundTrip(Dtype dtype) throws IOException {
        Path file = write(dtype, 1, 8, false, List.of());
        try (PairTable table = TableFile.open(file)) {
            assertEquals(1, table.k());
            assertValues(table, 8, 1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dtype.class, names = {"FLOAT32", "FLOAT64"}) // half tables: HalfInputsTest
    void emptyTableRoundTrips(Dtype dtype) throws IOException {
        Path file = write(dtype, 4, 0, true, List.of("kl"));
        // Independent of the reader: a header of 64 + 4 × 64 bytes and nothing else.
        assertEquals(64 + 4 * 64, Files.size(file));
        try (PairTable table = TableFile.open(file)) {
            assertEquals(0, table.rows());
            assertEquals(0, table.p().byteSize());
            assertEquals(0, table.q().byteSize());
            assertEquals(0, table.ids().orElseThrow().byteSize());
            assertEquals(0, table.addResultColumn("js").byteSize());
        }
        try (PairTable memory = PairTable.allocate(dtype, 4, 0, false)) {
            assertEquals(0, memory.p().byteSize());
        }
    }
}
