package io.kldiv.store;

/** One entry of a table file's column directory: where a column lives and the CRC32C of its bytes. */
public record ColumnEntry(String name, ColumnType type, long offset, long length, int crc) {

    ColumnEntry withCrc(int newCrc) {
        return new ColumnEntry(name, type, offset, length, newCrc);
    }

    long end() {
        return offset + length;
    }
}
