package io.kldiv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each kind of damage, made by editing a good file at the byte offsets docs/FORMAT.md gives, is reported with
 * its own one-line message. The good file: float32, K = 3, N = 4, columns p, q, id, kl, so the header is
 * 64 + 4 × 64 = 320 bytes, p at 320 (48 bytes), q at 384 (48), id at 448 (32), kl at 512 (32), 544 bytes total.
 */
class TableFileDamageTest {
    private static final int HEADER_BYTES = 320;
    private static final int FILE_BYTES = 544;

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void writeGoodFile() throws IOException {
        file = dir.resolve("good.kls");
        try (TableWriter writer = TableWriter.create(file, Dtype.FLOAT32, 3, 4, true, List.of("kl"))) {
            for (long r = 0; r < 4; r++) {
                writer.appendRow(TableValues.floatRow('p', r, 3), TableValues.floatRow('q', r, 3));
                writer.appendIds(TableValues.id(r));
                writer.resultColumn("kl").setAtIndex(TableValues.DOUBLE_LE, r, TableValues.result(r));
            }
            writer.finish();
        }
        assertEquals(FILE_BYTES, Files.size(file));
    }

    private String openFails() {
        StoreFormatException e = assertThrows(StoreFormatException.class, () -> TableFile.open(file).close());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(file, e.file());
        return e.getMessage();
    }

    private void flipByte(long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int old = raf.read();
            raf.seek(offset);
            raf.write(old ^ 0x5A);
        }
    }

    /** Overwrites header fields (little-endian), then gives the header a correct CRC32C again, computed here. */
    private void editHeader(int offset, long value, int width) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (width == 4) {
            buffer.putInt(offset, (int) value);
        } else {
            buffer.putLong(offset, value);
        }
        buffer.putInt(40, 0);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, HEADER_BYTES);
        buffer.putInt(40, (int) crc.getValue());
        Files.write(file, bytes);
    }

    private void truncate(long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    @Test
    void goodFileOpens() throws IOException {
        TableFile.open(file).close();
    }

    @Test
    void badMagic() throws IOException {
        flipByte(3);
        assertTrue(openFails().contains("not a kldiv table (bad magic"));
    }

    @Test
    void tinyFileIsNotATable() throws IOException {
        Files.write(file, new byte[] {'K', 'L'});
        assertTrue(openFails().contains("bad magic"));
    }

    @Test
    void unknownVersion() throws IOException {
        editHeader(8, 3, 4);
        assertTrue(openFails().contains("unsupported format version 3 (this kldiv reads versions 1 to 2)"));
    }

    @Test
    void halfDtypeInVersionOneFile() throws IOException {
        editHeader(12, 4, 4);
        assertTrue(openFails().contains("dtype bfloat16 in a version 1 file"));
    }

    @Test
    void unknownDtype() throws IOException {
        editHeader(12, 9, 4);
        assertTrue(openFails().contains("unknown dtype code 9"));
    }

    @Test
    void int64IsNoValueDtype() throws IOException {
        editHeader(12, 3, 4);
        assertTrue(openFails().contains("unknown dtype code 3"));
    }

    @ParameterizedTest
    @CsvSource({"16, 0, 4", "16, -5, 4", "24, -1, 8", "24, 9223372036854775807, 8"})
    void impossibleDimensions(int offset, long value, int width) throws IOException {
        editHeader(offset, value, width);
        assertTrue(openFails().contains("impossible dimensions"));
    }

    @Test
    void impossibleColumnCount() throws IOException {
        editHeader(20, 1000, 4);
        assertTrue(openFails().contains("impossible column count 1000"));
    }

    @Test
    void columnOutsideTheFile() throws IOException {
        // q is directory entry 1 at byte 128; its offset field is at +40.
        editHeader(128 + 40, 1 << 20, 8);
        assertTrue(openFails().contains("column 'q' lies outside the file"));
    }

    @Test
    void columnLengthNotMatchingDimensions() throws IOException {
        editHeader(64 + 48, 44, 8);
        assertTrue(openFails().contains("column 'p' holds 44 bytes, expected N × K × 4 = 48"));
    }

    @Test
    void overlappingColumns() throws IOException {
        editHeader(128 + 40, 320, 8);
        assertTrue(openFails().contains("columns 'p' and 'q' overlap"));
    }

    @Test
    void truncatedInTheColumns() throws IOException {
        truncate(500);
        assertTrue(openFails().contains("truncated file: 500 bytes, header declares 544"));
    }

    @Test
    void truncatedInTheDirectory() throws IOException {
        truncate(100);
        assertTrue(openFails().contains("truncated file: 100 bytes, shorter than its 320-byte header"));
    }

    @Test
    void truncatedInTheFixedHeader() throws IOException {
        truncate(30);
        assertTrue(openFails().contains("truncated file: 30 bytes, shorter than the 64-byte fixed header"));
    }

    @Test
    void trailingData() throws IOException {
        truncate(FILE_BYTES + 64);
        assertTrue(openFails().contains("unexpected trailing data"));
    }

    @ParameterizedTest
    @CsvSource({"16", "25", "36", "70", "64 + 64 + 33", "300"})
    void headerDamage(String offsetExpression) throws IOException {
        long offset = 0;
        for (String term : offsetExpression.split("\\+")) {
            offset += Long.parseLong(term.trim());
        }
        flipByte(offset);
        assertTrue(openFails().contains("header checksum mismatch"));
    }

    @ParameterizedTest
    @CsvSource({"p, 320", "p, 367", "q, 384", "q, 431", "id, 448", "id, 479", "kl, 512", "kl, 543"})
    void columnDamageNamesTheColumn(String column, long offset) throws IOException {
        flipByte(offset);
        assertTrue(openFails().contains("checksum mismatch in column '" + column + "'"));
        // Trusted mode skips the column checksums, so the damaged file opens.
        try (PairTable table = TableFile.open(file, false)) {
            assertEquals(4, table.rows());
        }
    }
}
