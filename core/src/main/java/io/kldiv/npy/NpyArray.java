package io.kldiv.npy;

import io.kldiv.Dtype;
import io.kldiv.io.InputFiles;
import io.kldiv.io.MappedMatrix;
import io.kldiv.io.OffHeapMemory;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A 2-D float32, float64, float16 or bfloat16 array in a .npy file, mapped read-only: {@link #data()} is the file's data section
 * itself, not a copy, so arrays far larger than the heap (or RAM) can be scored or imported directly.
 *
 * <p>Only little-endian, C-order, 2-D float32 ({@code '<f4'}), float64 ({@code '<f8'}), float16 ({@code '<f2'})
 * and bfloat16 arrays are read. NumPy has no bfloat16: arrays of {@code ml_dtypes.bfloat16} are saved with the
 * descr of an untyped 2-byte void, {@code '<V2'} (or {@code '|V2'}), and that is read as bfloat16 — the header
 * cannot say more, and bfloat16 is the one 2-byte type that library adds. Anything else is rejected with a {@link NpyFormatException} saying what the file holds and what is supported.
 */
public final class NpyArray implements MappedMatrix {
    static final String SUPPORTED = "kldiv reads little-endian float32 ('<f4'), float64 ('<f8'), float16 ('<f2') or"
            + " ml_dtypes bfloat16 ('<V2'), C order, 2-D";

    private final Path file;
    private final Dtype dtype;
    private final long rows;
    private final int cols;
    private final OffHeapMemory memory;
    private final MemorySegment data;
    private volatile boolean closed;

    private NpyArray(Path file, Dtype dtype, long rows, int cols, OffHeapMemory memory, MemorySegment data) {
        this.file = file;
        this.dtype = dtype;
        this.rows = rows;
        this.cols = cols;
        this.memory = memory;
        this.data = data;
    }

    public static NpyArray open(Path file) throws IOException {
        NpyHeader header;
        long fileSize;
        try (FileChannel channel = InputFiles.openRegular(file)) {
            header = NpyHeader.read(file, channel);
            fileSize = channel.size();
        }
        Dtype dtype = dtypeOf(file, header);
        if (header.fortranOrder()) {
            throw unsupported(file, "is in Fortran (column-major) order");
        }
        long[] shape = header.shape();
        if (shape.length != 2) {
            throw unsupported(file, "is " + shape.length + "-D (shape " + NpyHeader.shapeText(shape) + ")");
        }
        if (shape[1] < 1 || shape[1] > Integer.MAX_VALUE) {
            throw unsupported(file, "has shape " + NpyHeader.shapeText(shape)
                    + "; the second dimension (categories) must be 1 to " + Integer.MAX_VALUE);
        }
        long dataBytes;
        try {
            dataBytes = Math.multiplyExact(Math.multiplyExact(shape[0], shape[1]), (long) dtype.bytes());
        } catch (ArithmeticException overflow) {
            throw new NpyFormatException(file, "impossible shape " + NpyHeader.shapeText(shape));
        }
        long available = fileSize - header.dataOffset();
        if (available < dataBytes) {
            throw new NpyFormatException(file, "truncated data: shape " + NpyHeader.shapeText(shape) + " of " + dtype
                    + " needs " + dataBytes + " bytes after the " + header.dataOffset() + "-byte header, the file has "
                    + available);
        }
        // NumPy writes exactly the data; more means the header's shape or length was damaged (one flipped digit
        // would otherwise silently drop rows), and the format has no checksum to tell.
        if (available > dataBytes) {
            throw new NpyFormatException(file, "unexpected trailing data: shape " + NpyHeader.shapeText(shape) + " of "
                    + dtype + " needs " + dataBytes + " bytes after the " + header.dataOffset()
                    + "-byte header, the file has " + available);
        }
        OffHeapMemory memory = OffHeapMemory.mapReadOnly(file, header.dataOffset() + dataBytes);
        MemorySegment data = memory.segment(header.dataOffset(), dataBytes);
        return new NpyArray(file, dtype, shape[0], (int) shape[1], memory, data);
    }

    private static Dtype dtypeOf(Path file, NpyHeader header) throws NpyFormatException {
        String descr = header.descr();
        if (header.structured()) {
            throw unsupported(file, "has a structured dtype (" + descr + ")");
        }
        if (descr.equals("<f4")) {
            return Dtype.FLOAT32;
        }
        if (descr.equals("<f8")) {
            return Dtype.FLOAT64;
        }
        if (descr.equals("<f2") || descr.equals("<e")) {
            return Dtype.FLOAT16;
        }
        if (descr.equals("<V2") || descr.equals("|V2")) {
            return Dtype.BFLOAT16;
        }
        String quoted = " ('" + descr + "')";
        char order = descr.isEmpty() ? '?' : descr.charAt(0);
        String type = order == '<' || order == '>' || order == '=' || order == '|' ? descr.substring(1) : descr;
        if (type.startsWith("i") || type.startsWith("u") || type.startsWith("b") || type.equals("?")) {
            throw unsupported(file, "has an integer or boolean dtype" + quoted);
        }
        if (order == '>' && (type.equals("f2") || type.equals("f4") || type.equals("f8"))) {
            throw unsupported(file, "is big-endian" + quoted);
        }
        throw unsupported(file, "has an unsupported dtype" + quoted);
    }

    private static NpyFormatException unsupported(Path file, String what) {
        return new NpyFormatException(file, what + "; " + SUPPORTED);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Dtype dtype() {
        checkOpen();
        return dtype;
    }

    /** The first dimension: one row per distribution. */
    @Override
    public long rows() {
        checkOpen();
        return rows;
    }

    /** The second dimension: K, the number of categories. */
    @Override
    public int cols() {
        checkOpen();
        return cols;
    }

    /**
     * The data section, read-only, {@code rows() * cols() * dtype().bytes()} bytes of little-endian values in
     * row-major order. It starts wherever the header ends: on a 64-byte boundary for files NumPy writes, but
     * not necessarily for others.
     */
    @Override
    public MemorySegment data() {
        checkOpen();
        return data;
    }

    /** Unmaps the file; segments from {@link #data()} become inaccessible. Idempotent. */
    @Override
    public void close() throws IOException {
        closed = true;
        memory.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("array " + file + " is closed");
        }
    }
}
