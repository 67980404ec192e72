package io.kldiv.store;

import io.kldiv.io.InputFiles;
import io.kldiv.io.ChronicleMemory;
import io.kldiv.io.OffHeapMemory;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Opens table files (docs/FORMAT.md) as read-only mapped {@link PairTable}s. Files are written by {@link TableWriter}. */
public final class TableFile {
    /** File name extension of table files. */
    public static final String EXTENSION = ".kls";

    private TableFile() {
    }

    /** Opens and fully verifies a table file: header and every column checksum. */
    public static PairTable open(Path file) throws IOException {
        return open(file, true);
    }

    /** Reads and checks a table file's header and column directory, without mapping or checksumming the columns. */
    public static TableHeader header(Path file) throws IOException {
        try (FileChannel channel = InputFiles.openRegular(file)) {
            return TableHeader.read(file, channel);
        }
    }

    /**
     * Maps a table file read-only. The header is always verified; {@code verifyColumnChecksums = false} skips
     * reading every column to check its CRC32C, for files that are trusted (that read costs a full pass).
     *
     * @throws StoreFormatException if the file is damaged or is not a table file; the message names the file and
     *                              the damage
     */
    public static PairTable open(Path file, boolean verifyColumnChecksums) throws IOException {
        TableHeader header = header(file);
        OffHeapMemory memory = ChronicleMemory.mapReadOnly(file, header.fileLength());
        try {
            Map<String, MemorySegment> columns = new LinkedHashMap<>();
            for (ColumnEntry column : header.columns()) {
                MemorySegment view = memory.segment(column.offset(), column.length());
                if (verifyColumnChecksums) {
                    int actual = Crc32c.of(view);
                    if (actual != column.crc()) {
                        throw TableHeader.damage(file, "checksum mismatch in column '" + column.name() + "' (stored "
                                + TableHeader.hex(column.crc()) + ", computed " + TableHeader.hex(actual) + ")");
                    }
                }
                columns.put(column.name(), view);
            }
            MemorySegment p = columns.remove(PairTable.P);
            MemorySegment q = columns.remove(PairTable.Q);
            MemorySegment ids = columns.remove(PairTable.IDS);
            return new OffHeapTable(file.toString(), file, header.dtype(), header.k(), header.rows(), p, q, ids,
                    columns, memory);
        } catch (IOException | RuntimeException e) {
            memory.close();
            throw e;
        }
    }
}
