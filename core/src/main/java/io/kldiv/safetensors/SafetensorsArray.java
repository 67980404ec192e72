package io.kldiv.safetensors;

import io.kldiv.Dtype;
import io.kldiv.io.InputFiles;
import io.kldiv.io.MappedMatrix;
import io.kldiv.io.OffHeapMemory;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One tensor of a safetensors file, mapped read-only as rows of its last axis: a 2-D {@code [rows, vocab]} tensor
 * as it is, a 3-D {@code [batch, seq, vocab]} one as batch·seq rows (safetensors data is always row-major, so
 * that is the same bytes). {@link #data()} is the file's bytes, not a copy. Reads F32, F64, F16 and BF16.
 */
public final class SafetensorsArray implements MappedMatrix {
    static final String SUPPORTED = "kldiv reads 2-D or 3-D F32, F64, F16 or BF16 tensors";

    private final Path file;
    private final String tensor;
    private final Dtype dtype;
    private final long rows;
    private final int cols;
    private final OffHeapMemory memory;
    private final MemorySegment data;

    private SafetensorsArray(Path file, String tensor, Dtype dtype, long rows, int cols, OffHeapMemory memory,
            MemorySegment data) {
        this.file = file;
        this.tensor = tensor;
        this.dtype = dtype;
        this.rows = rows;
        this.cols = cols;
        this.memory = memory;
        this.data = data;
    }

    /** The tensor {@code ref} names (or the file's only 2-D/3-D tensor when it names none). */
    public static SafetensorsArray open(TensorRef ref) throws IOException {
        return open(ref.file(), ref.tensor());
    }

    /**
     * Maps {@code tensorName} of {@code file}; with a null name, the file's one 2-D or 3-D tensor.
     *
     * @throws SafetensorsFormatException for any damage, a missing tensor, or a tensor kldiv cannot score
     */
    public static SafetensorsArray open(Path file, String tensorName) throws IOException {
        SafetensorsHeader header;
        try (FileChannel channel = InputFiles.openRegular(file)) {
            header = SafetensorsHeader.read(file, channel);
        }
        SafetensorsTensor t = choose(file, header.tensors(), tensorName);
        String where = "tensor '" + t.name() + "'";
        Dtype dtype = SafetensorsTensor.scoredDtype(t.dtype());
        if (dtype == null) {
            throw new SafetensorsFormatException(file, where + " has dtype " + t.dtype() + "; " + SUPPORTED);
        }
        long[] shape = t.shape();
        if (shape.length != 2 && shape.length != 3) {
            throw new SafetensorsFormatException(file, where + " is " + shape.length + "-D (shape "
                    + SafetensorsTensor.shapeText(shape) + "); " + SUPPORTED);
        }
        long vocab = shape[shape.length - 1];
        if (vocab < 1 || vocab > Integer.MAX_VALUE) {
            throw new SafetensorsFormatException(file, where + " has shape " + SafetensorsTensor.shapeText(shape)
                    + "; the last axis (categories) must be 1 to " + Integer.MAX_VALUE);
        }
        long rows = (t.end() - t.begin()) / (vocab * dtype.bytes());
        long end = header.dataOffset() + t.end();
        OffHeapMemory memory = OffHeapMemory.mapReadOnly(file, end);
        MemorySegment data = memory.segment(header.dataOffset() + t.begin(), t.end() - t.begin());
        return new SafetensorsArray(file, t.name(), dtype, rows, (int) vocab, memory, data);
    }

    private static SafetensorsTensor choose(Path file, List<SafetensorsTensor> tensors, String name)
            throws SafetensorsFormatException {
        if (name != null) {
            for (SafetensorsTensor t : tensors) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
            throw new SafetensorsFormatException(file, "no tensor '" + name + "' (the file holds " + names(tensors) + ")");
        }
        List<SafetensorsTensor> matrices = tensors.stream()
                .filter(t -> t.shape().length == 2 || t.shape().length == 3).toList();
        if (matrices.size() != 1) {
            throw new SafetensorsFormatException(file, (matrices.isEmpty() ? "no 2-D or 3-D tensor"
                    : matrices.size() + " 2-D or 3-D tensors") + " (the file holds " + names(tensors)
                    + "); name one as FILE:TENSOR");
        }
        return matrices.get(0);
    }

    private static String names(List<SafetensorsTensor> tensors) {
        return tensors.isEmpty() ? "no tensors"
                : tensors.stream().map(t -> "'" + t.name() + "' " + t.dtype() + SafetensorsTensor.shapeText(t.shape()))
                        .collect(Collectors.joining(", "));
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String source() {
        return file + ":" + tensor;
    }

    public String tensor() {
        return tensor;
    }

    @Override
    public Dtype dtype() {
        return dtype;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public MemorySegment data() {
        return data;
    }

    @Override
    public void close() throws IOException {
        memory.close();
    }
}
