package io.kldiv.store;

import io.kldiv.Dtype;
import io.kldiv.io.OffHeapMemory;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The header of a table file: fixed fields, then the column directory. Byte layout in docs/FORMAT.md.
 * {@link #read} trusts nothing: every field is checked before it is used, and each kind of damage gets its
 * own message.
 */
public record TableHeader(Dtype dtype, int k, long rows, long fileLength, List<ColumnEntry> columns) {
    static final byte[] MAGIC = "KLDIVTBL".getBytes(StandardCharsets.US_ASCII);
    /** The newest format version this kldiv reads and writes (2 added the bfloat16 and float16 dtypes). */
    public static final int VERSION = 2;
    /** Float32/float64 tables are still written as version 1, so older readers keep reading them. */
    static final int FIRST_VERSION = 1;

    static final int VERSION_AT = 8;
    static final int DTYPE_AT = 12;
    static final int K_AT = 16;
    static final int COLUMN_COUNT_AT = 20;
    static final int ROWS_AT = 24;
    static final int FILE_LENGTH_AT = 32;
    static final int HEADER_CRC_AT = 40;

    static final int ENTRY_TYPE_AT = 32;
    static final int ENTRY_CRC_AT = 36;
    static final int ENTRY_OFFSET_AT = 40;
    static final int ENTRY_LENGTH_AT = 48;

    public TableHeader {
        columns = List.copyOf(columns);
    }

    /** The version this table is written as: the oldest that can hold its dtype. */
    public int formatVersion() {
        return dtype.isHalf() ? VERSION : FIRST_VERSION;
    }

    long headerLength() {
        return TableLayout.headerLength(columns.size());
    }

    byte[] encode() {
        ByteBuffer header = ByteBuffer.allocate(Math.toIntExact(headerLength())).order(ByteOrder.LITTLE_ENDIAN);
        header.put(0, MAGIC);
        header.putInt(VERSION_AT, formatVersion());
        header.putInt(DTYPE_AT, ColumnType.of(dtype).code());
        header.putInt(K_AT, k);
        header.putInt(COLUMN_COUNT_AT, columns.size());
        header.putLong(ROWS_AT, rows);
        header.putLong(FILE_LENGTH_AT, fileLength);
        for (int i = 0; i < columns.size(); i++) {
            ColumnEntry column = columns.get(i);
            int at = entryAt(i);
            header.put(at, column.name().getBytes(StandardCharsets.UTF_8));
            header.putInt(at + ENTRY_TYPE_AT, column.type().code());
            header.putInt(at + ENTRY_CRC_AT, column.crc());
            header.putLong(at + ENTRY_OFFSET_AT, column.offset());
            header.putLong(at + ENTRY_LENGTH_AT, column.length());
        }
        header.putInt(HEADER_CRC_AT, headerCrc(header.array()));
        return header.array();
    }

    /** CRC32C of the whole header with its own checksum field counted as zero. */
    static int headerCrc(byte[] header) {
        CRC32C crc = new CRC32C();
        crc.update(header, 0, HEADER_CRC_AT);
        crc.update(new byte[4]);
        crc.update(header, HEADER_CRC_AT + 4, header.length - HEADER_CRC_AT - 4);
        return (int) crc.getValue();
    }

    private static int entryAt(int index) {
        return TableLayout.FIXED_HEADER_BYTES + index * TableLayout.DIRECTORY_ENTRY_BYTES;
    }

    /** Reads and validates the header of {@code file}; the column checksums are checked separately. */
    static TableHeader read(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer fixed = readAt(channel, 0, (int) Math.min(size, TableLayout.FIXED_HEADER_BYTES));
        if (size < MAGIC.length || !fixed.slice(0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            throw damage(file, "not a kldiv table (bad magic: expected \"KLDIVTBL\")");
        }
        if (size < TableLayout.FIXED_HEADER_BYTES) {
            throw damage(file, "truncated file: " + size + " bytes, shorter than the "
                    + TableLayout.FIXED_HEADER_BYTES + "-byte fixed header");
        }
        int version = fixed.getInt(VERSION_AT);
        if (version < FIRST_VERSION || version > VERSION) {
            throw damage(file, "unsupported format version " + Integer.toUnsignedString(version)
                    + " (this kldiv reads versions " + FIRST_VERSION + " to " + VERSION + ")");
        }
        int columnCount = fixed.getInt(COLUMN_COUNT_AT);
        if (columnCount < 2 || columnCount > TableLayout.MAX_COLUMNS) {
            throw damage(file, "impossible column count " + Integer.toUnsignedString(columnCount)
                    + " (a table has 2 to " + TableLayout.MAX_COLUMNS + " columns)");
        }
        long headerLength = TableLayout.headerLength(columnCount);
        if (size < headerLength) {
            throw damage(file, "truncated file: " + size + " bytes, shorter than its " + headerLength + "-byte header");
        }
        ByteBuffer header = readAt(channel, 0, (int) headerLength);
        int storedCrc = header.getInt(HEADER_CRC_AT);
        int actualCrc = headerCrc(header.array());
        if (storedCrc != actualCrc) {
            throw damage(file, "header checksum mismatch (stored " + hex(storedCrc) + ", computed " + hex(actualCrc) + ")");
        }
        ColumnType valueType = ColumnType.byCode(header.getInt(DTYPE_AT));
        if (valueType == null || valueType == ColumnType.INT64) {
            throw damage(file, "unknown dtype code " + Integer.toUnsignedString(header.getInt(DTYPE_AT))
                    + " (expected " + ColumnType.FLOAT32.code() + " = float32, " + ColumnType.FLOAT64.code()
                    + " = float64, " + ColumnType.BFLOAT16.code() + " = bfloat16 or " + ColumnType.FLOAT16.code()
                    + " = float16)");
        }
        Dtype dtype = Dtype.byId(valueType.toString());
        if (dtype.isHalf() && version < VERSION) {
            throw damage(file, "dtype " + dtype + " in a version " + version + " file (half-precision columns need"
                    + " version " + VERSION + ")");
        }
        int k = header.getInt(K_AT);
        long rows = header.getLong(ROWS_AT);
        long fileLength = header.getLong(FILE_LENGTH_AT);
        long valueBytes = valueBytes(file, k, rows, dtype);
        if (fileLength < headerLength) {
            throw damage(file, "impossible file length " + fileLength + " in header (the header alone is "
                    + headerLength + " bytes)");
        }
        if (size < fileLength) {
            throw damage(file, "truncated file: " + size + " bytes, header declares " + fileLength);
        }
        if (size > fileLength) {
            throw damage(file, "unexpected trailing data: " + size + " bytes, header declares " + fileLength);
        }
        List<ColumnEntry> columns = new ArrayList<>(columnCount);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columnCount; i++) {
            ColumnEntry column = readEntry(file, header, entryAt(i), headerLength, fileLength);
            if (!names.add(column.name())) {
                throw damage(file, "column '" + column.name() + "' appears twice in the directory");
            }
            checkShape(file, column, dtype, k, rows, valueBytes);
            columns.add(column);
        }
        for (String required : List.of(PairTable.P, PairTable.Q)) {
            if (!names.contains(required)) {
                throw damage(file, "column '" + required + "' is missing");
            }
        }
        checkNoOverlap(file, columns);
        return new TableHeader(dtype, k, rows, fileLength, columns);
    }

    private static long valueBytes(Path file, int k, long rows, Dtype dtype) throws StoreFormatException {
        if (k < 1 || rows < 0) {
            throw damage(file, "impossible dimensions: K = " + Integer.toUnsignedString(k) + ", N = " + rows
                    + " (K must be at least 1, N at least 0)");
        }
        try {
            return Math.multiplyExact(Math.multiplyExact(rows, (long) k), (long) dtype.bytes());
        } catch (ArithmeticException overflow) {
            throw damage(file, "impossible dimensions: K = " + k + ", N = " + rows + " (N × K × " + dtype.bytes()
                    + " bytes overflows)");
        }
    }

    private static ColumnEntry readEntry(Path file, ByteBuffer header, int at, long headerLength, long fileLength)
            throws StoreFormatException {
        int nameLength = 0;
        while (nameLength < TableLayout.NAME_BYTES && header.get(at + nameLength) != 0) {
            nameLength++;
        }
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder().decode(header.slice(at, nameLength)).toString();
        } catch (CharacterCodingException e) {
            throw damage(file, "column name at directory offset " + at + " is not UTF-8");
        }
        if (name.isEmpty()) {
            throw damage(file, "column at directory offset " + at + " has an empty name");
        }
        ColumnType type = ColumnType.byCode(header.getInt(at + ENTRY_TYPE_AT));
        if (type == null) {
            throw damage(file, "column '" + name + "' has unknown type code "
                    + Integer.toUnsignedString(header.getInt(at + ENTRY_TYPE_AT)));
        }
        long offset = header.getLong(at + ENTRY_OFFSET_AT);
        long length = header.getLong(at + ENTRY_LENGTH_AT);
        if (offset < headerLength || length < 0 || offset > fileLength || length > fileLength - offset) {
            throw damage(file, "column '" + name + "' lies outside the file (offset " + offset + ", length " + length
                    + "; columns go from byte " + headerLength + " to the file end at " + fileLength + ")");
        }
        if (offset % OffHeapMemory.ALIGNMENT != 0) {
            throw damage(file, "column '" + name + "' is not 64-byte aligned (offset " + offset + ")");
        }
        return new ColumnEntry(name, type, offset, length, header.getInt(at + ENTRY_CRC_AT));
    }

    private static void checkShape(Path file, ColumnEntry column, Dtype dtype, int k, long rows, long valueBytes)
            throws StoreFormatException {
        boolean values = column.name().equals(PairTable.P) || column.name().equals(PairTable.Q);
        ColumnType expectedType = values ? ColumnType.of(dtype)
                : column.name().equals(PairTable.IDS) ? ColumnType.INT64 : ColumnType.FLOAT64;
        if (column.type() != expectedType) {
            throw damage(file, "column '" + column.name() + "' has type " + column.type() + ", expected " + expectedType);
        }
        long expectedLength = values ? valueBytes : rows * 8;
        if (column.length() != expectedLength) {
            String formula = values ? "N × K × " + dtype.bytes() : "N × 8";
            throw damage(file, "column '" + column.name() + "' holds " + column.length() + " bytes, expected "
                    + formula + " = " + expectedLength + " (N = " + rows + ", K = " + k + ")");
        }
    }

    private static void checkNoOverlap(Path file, List<ColumnEntry> columns) throws StoreFormatException {
        List<ColumnEntry> byOffset = new ArrayList<>(columns);
        byOffset.sort(Comparator.comparingLong(ColumnEntry::offset));
        for (int i = 1; i < byOffset.size(); i++) {
            ColumnEntry before = byOffset.get(i - 1);
            ColumnEntry after = byOffset.get(i);
            if (after.offset() < before.end()) {
                throw damage(file, "columns '" + before.name() + "' and '" + after.name() + "' overlap");
            }
        }
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("file ended while reading its header");
            }
        }
        return buffer.flip();
    }

    static StoreFormatException damage(Path file, String problem) {
        return new StoreFormatException(file, problem);
    }

    static String hex(int crc) {
        return String.format("0x%08x", crc);
    }
}
