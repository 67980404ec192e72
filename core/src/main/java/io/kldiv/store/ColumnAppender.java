package io.kldiv.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Fills one column of a table being written, front to back, keeping its CRC32C as it goes so finishing the
 * table never has to read the column again.
 */
final class ColumnAppender {
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment column;
    private final CRC32C crc = new CRC32C();
    private long position;

    ColumnAppender(MemorySegment column) {
        this.column = column;
    }

    long remainingBytes() {
        return column.byteSize() - position;
    }

    long writtenBytes() {
        return position;
    }

    void append(MemorySegment bytes) {
        MemorySegment.copy(bytes, 0, column, position, bytes.byteSize());
        advance(bytes.byteSize());
    }

    void append(float[] values, int from, int count) {
        MemorySegment.copy(values, from, column, FLOAT_LE, position, count);
        advance((long) count * Float.BYTES);
    }

    void append(double[] values, int from, int count) {
        MemorySegment.copy(values, from, column, DOUBLE_LE, position, count);
        advance((long) count * Double.BYTES);
    }

    void append(long[] values, int from, int count) {
        MemorySegment.copy(values, from, column, LONG_LE, position, count);
        advance((long) count * Long.BYTES);
    }

    private void advance(long bytes) {
        Crc32c.update(crc, column.asSlice(position, bytes));
        position += bytes;
    }

    int crc() {
        return (int) crc.getValue();
    }
}
