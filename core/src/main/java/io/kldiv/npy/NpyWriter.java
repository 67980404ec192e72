package io.kldiv.npy;

import io.kldiv.Dtype;
import io.kldiv.io.MappedOutput;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes a 1-D {@code [N]} or 2-D {@code [N, M]} float32/float64 .npy file (little-endian, C order) by
 * appending values, without holding the array on the heap. The shape is declared up front because the
 * header, which comes first, holds it. The file is written to a temporary file and published atomically by
 * {@link #finish()}; {@link #close()} without it leaves nothing at the destination.
 */
public final class NpyWriter implements AutoCloseable {
    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Dtype dtype;
    private final MappedOutput output;
    private final MemorySegment data;
    private long position;
    private boolean done;

    private NpyWriter(Dtype dtype, MappedOutput output, MemorySegment data) {
        this.dtype = dtype;
        this.output = output;
        this.data = data;
    }

    /** A writer for a 1-D array of {@code length} values. */
    public static NpyWriter create(Path destination, Dtype dtype, long length) throws IOException {
        return create(destination, dtype, new long[] {length});
    }

    /** A writer for a 2-D array of {@code rows} rows of {@code cols} values, appended row after row. */
    public static NpyWriter create(Path destination, Dtype dtype, long rows, int cols) throws IOException {
        return create(destination, dtype, new long[] {rows, cols});
    }

    private static NpyWriter create(Path destination, Dtype dtype, long[] shape) throws IOException {
        long elements = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + NpyHeader.shapeText(shape));
            }
            elements = Math.multiplyExact(elements, dimension);
        }
        byte[] header = NpyHeader.encode(descr(dtype), shape);
        long dataBytes = Math.multiplyExact(elements, (long) dtype.bytes());
        MappedOutput output = MappedOutput.create(destination, Math.addExact(header.length, dataBytes));
        MemorySegment.copy(MemorySegment.ofArray(header), 0, output.segment(0, header.length), 0, header.length);
        return new NpyWriter(dtype, output, output.segment(header.length, dataBytes));
    }

    private static String descr(Dtype dtype) {
        return switch (dtype) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case FLOAT16 -> "<f2";
            // What NumPy writes for ml_dtypes' bfloat16, which NpyArray reads back as bfloat16.
            case BFLOAT16 -> "<V2";
        };
    }

    public Path destination() {
        return output.destination();
    }

    /** Values appended so far. */
    public long elementsWritten() {
        return position / dtype.bytes();
    }

    /** Appends values to a float32 array. */
    public void append(float... values) {
        reserve(Dtype.FLOAT32, (long) values.length * Float.BYTES);
        MemorySegment.copy(values, 0, data, FLOAT_LE, position, values.length);
        position += (long) values.length * Float.BYTES;
    }

    /** Appends values to a float64 array. */
    public void append(double... values) {
        reserve(Dtype.FLOAT64, (long) values.length * Double.BYTES);
        MemorySegment.copy(values, 0, data, DOUBLE_LE, position, values.length);
        position += (long) values.length * Double.BYTES;
    }

    /** Appends little-endian values of this array's dtype from (off-heap) memory, e.g. a result column. */
    public void append(MemorySegment values) {
        if (values.byteSize() % dtype.bytes() != 0) {
            throw new IllegalArgumentException(values.byteSize() + " bytes are not a whole number of " + dtype + " values");
        }
        reserve(dtype, values.byteSize());
        MemorySegment.copy(values, 0, data, position, values.byteSize());
        position += values.byteSize();
    }

    private void reserve(Dtype valueType, long bytes) {
        if (done) {
            throw new IllegalStateException("writer for " + destination() + " is finished or closed");
        }
        if (valueType != dtype) {
            throw new IllegalArgumentException(destination() + " is a " + dtype + " array; append "
                    + switch (dtype) {
                        case FLOAT32 -> "float values";
                        case FLOAT64 -> "double values";
                        case BFLOAT16, FLOAT16 -> "16-bit values as a segment";
                    });
        }
        if (bytes > data.byteSize() - position) {
            throw new IllegalStateException("too many values for " + destination() + ": its shape holds "
                    + data.byteSize() / dtype.bytes() + ", " + elementsWritten() + " are written, "
                    + bytes / dtype.bytes() + " more offered");
        }
    }

    /**
     * Checks every value of the declared shape arrived, then forces the file to disk and publishes it
     * atomically. The writer is closed afterwards, whether this succeeds or not.
     *
     * @return the destination path
     */
    public Path finish() throws IOException {
        if (done) {
            throw new IllegalStateException("writer for " + destination() + " is finished or closed");
        }
        try {
            if (position != data.byteSize()) {
                throw new IllegalStateException(destination() + " was declared with " + data.byteSize() / dtype.bytes()
                        + " values but " + elementsWritten() + " were appended");
            }
            done = true;
            output.commit();
            return destination();
        } finally {
            close();
        }
    }

    /** Abandons the file unless {@link #finish()} completed: the temporary file is deleted. Idempotent. */
    @Override
    public void close() throws IOException {
        done = true;
        output.close();
    }
}
