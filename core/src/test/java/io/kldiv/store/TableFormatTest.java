package io.kldiv.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kldiv.Dtype;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes the writer produces, read at the offsets docs/FORMAT.md gives, without the store's reader. */
class TableFormatTest {
    @TempDir
    Path dir;

    @Test
    void writtenFileMatchesTheDocumentedLayout() throws IOException {
        Path file = dir.resolve("f.kls");
        int k = 2;
        try (TableWriter writer = TableWriter.create(file, Dtype.FLOAT64, k, 3, false, List.of("kl"))) {
            for (long r = 0; r < 3; r++) {
                writer.appendRow(TableValues.doubleRow('p', r, k), TableValues.doubleRow('q', r, k));
                writer.resultColumn("kl").setAtIndex(TableValues.DOUBLE_LE, r, TableValues.result(r));
            }
            writer.finish();
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        // 3 columns: header 64 + 3 × 64 = 256; p at 256 (48 bytes), q at 320 (48), kl at 384 (24): 408 bytes.
        assertEquals(408, bytes.length);
        assertArrayEquals("KLDIVTBL".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(bytes, 8));
        assertEquals(1, b.getInt(8), "format version");
        assertEquals(2, b.getInt(12), "dtype code float64");
        assertEquals(k, b.getInt(16));
        assertEquals(3, b.getInt(20), "column count");
        assertEquals(3, b.getLong(24), "rows");
        assertEquals(408, b.getLong(32), "file length");
        for (int i = 44; i < 64; i++) {
            assertEquals(0, bytes[i], "reserved byte " + i);
        }

        byte[] header = Arrays.copyOf(bytes, 256);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0);
        assertEquals(crc(header, 0, 256), b.getInt(40), "header CRC32C with its own field as zero");

        String[] names = {"p", "q", "kl"};
        int[] types = {2, 2, 2};
        long[] offsets = {256, 320, 384};
        long[] lengths = {48, 48, 24};
        for (int i = 0; i < 3; i++) {
            int at = 64 + 64 * i;
            byte[] name = Arrays.copyOfRange(bytes, at, at + 32);
            byte[] expectedName = Arrays.copyOf(names[i].getBytes(StandardCharsets.UTF_8), 32);
            assertArrayEquals(expectedName, name, "NUL-padded name of column " + i);
            assertEquals(types[i], b.getInt(at + 32), "type of " + names[i]);
            assertEquals(offsets[i], b.getLong(at + 40), "offset of " + names[i]);
            assertEquals(lengths[i], b.getLong(at + 48), "length of " + names[i]);
            assertEquals(crc(bytes, (int) offsets[i], (int) lengths[i]), b.getInt(at + 36), "CRC32C of " + names[i]);
            assertEquals(0, b.getLong(at + 56), "reserved");
        }
        assertEquals(TableValues.value('q', 1, 1), b.getDouble(320 + (1 * k + 1) * 8), "q[1,1] little-endian, row-major");
        assertEquals(TableValues.result(2), b.getDouble(384 + 2 * 8), "kl[2]");
        for (int i = 304; i < 320; i++) {
            assertEquals(0, bytes[i], "padding between p and q");
        }
    }

    private static int crc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }
}
