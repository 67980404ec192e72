package io.kldiv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kldiv.Dtype;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More than 2^31 elements per column: offsets and sizes are longs end to end. The file is sparse (header plus
 * a few written bytes; the rest are holes), so it costs no disk and opens in milliseconds; the column
 * checksums are skipped because they would read 16 GiB of zeros.
 */
class LargeTableTest {
    @TempDir
    Path dir;

    @Test
    void columnsBeyondTwoGigaElementsAreAddressable() throws IOException {
        long rows = (1L << 31) + 1000;
        TableLayout layout = TableLayout.of(Dtype.FLOAT32, 1, rows, false, List.of());
        TableHeader header = new TableHeader(Dtype.FLOAT32, 1, rows, layout.fileLength(), layout.columns());
        long pOffset = layout.column(PairTable.P).offset();
        long qOffset = layout.column(PairTable.Q).offset();
        Path file = dir.resolve("large.kls");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(header.encode());
            raf.setLength(layout.fileLength());
            raf.seek(qOffset + (rows - 1) * 4);
            raf.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.75f).array());
            raf.seek(pOffset + (rows - 1024) * 4);
            raf.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).array());
        }
        try (PairTable table = TableFile.open(file, false)) {
            assertEquals(rows, table.rows());
            MemorySegment p = table.p();
            MemorySegment q = table.q();
            assertEquals(rows * 4, p.byteSize());
            assertEquals(rows * 4, q.byteSize());
            assertEquals(0.75f, q.getAtIndex(TableValues.FLOAT_LE, rows - 1));
            assertEquals(0.25f, p.getAtIndex(TableValues.FLOAT_LE, rows - 1024), "near the end of p");
            assertEquals(0f, p.getAtIndex(TableValues.FLOAT_LE, rows - 1));
            assertEquals(0f, q.getAtIndex(TableValues.FLOAT_LE, (1L << 31) + 7));
        }
    }
}
