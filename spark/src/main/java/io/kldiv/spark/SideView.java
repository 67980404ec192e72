package io.kldiv.spark;

import io.kldiv.Dtype;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;

/**
 * One side of one row as a memory segment of its values, read from Spark's value without boxing: an
 * {@link UnsafeArrayData}'s elements in place (no copy), other arrays through one primitive copy, binary as stored.
 * Reused from row to row; {@link #problem} says when there are no values to score.
 */
final class SideView {
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    MemorySegment values;
    int length;
    InputProblem problem;
    /** The null element's index for {@link InputProblem#NULL_ELEMENT}, else -1. */
    int problemIndex;

    void read(Object value, ColumnKind kind, Dtype dtype) {
        values = null;
        length = 0;
        problem = null;
        problemIndex = -1;
        if (value == null) {
            problem = InputProblem.NULL_INPUT;
        } else if (kind == ColumnKind.BINARY) {
            byte[] bytes = (byte[]) value;
            if (bytes.length % dtype.bytes() != 0) {
                problem = InputProblem.BINARY_LENGTH;
            } else {
                values = MemorySegment.ofArray(bytes);
                length = bytes.length / dtype.bytes();
            }
        } else if (value instanceof UnsafeArrayData u && inPlace(u, dtype)) {
            return;
        } else {
            copied((ArrayData) value, dtype);
        }
    }

    /** Views an unsafe array's elements where they are; false when its memory is of a kind not handled here. */
    @SuppressWarnings("restricted") // Spark's off-heap arrays have an address and a length only
    private boolean inPlace(UnsafeArrayData u, Dtype dtype) {
        int n = u.numElements();
        long header = UnsafeArrayData.calculateHeaderPortionInBytes(n);
        long bytes = header + (long) n * dtype.bytes();
        Object base = u.getBaseObject();
        MemorySegment whole;
        if (base instanceof byte[] b) {
            whole = MemorySegment.ofArray(b).asSlice(u.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET, bytes);
        } else if (base instanceof long[] l) {
            whole = MemorySegment.ofArray(l).asSlice(u.getBaseOffset() - Platform.LONG_ARRAY_OFFSET, bytes);
        } else if (base == null) {
            whole = MemorySegment.ofAddress(u.getBaseOffset()).reinterpret(bytes);
        } else {
            return false;
        }
        // The null bits follow the 8-byte element count, one bit per element: a word at a time.
        for (int w = 0; w < (n + 63) / 64; w++) {
            long bits = whole.get(WORD, 8 + 8L * w);
            if (bits != 0) {
                problem = InputProblem.NULL_ELEMENT;
                problemIndex = 64 * w + Long.numberOfTrailingZeros(bits);
                return true;
            }
        }
        values = whole.asSlice(header);
        length = n;
        return true;
    }

    private void copied(ArrayData a, Dtype dtype) {
        int n = a.numElements();
        for (int i = 0; i < n; i++) {
            if (a.isNullAt(i)) {
                problem = InputProblem.NULL_ELEMENT;
                problemIndex = i;
                return;
            }
        }
        values = dtype == Dtype.FLOAT32 ? MemorySegment.ofArray(a.toFloatArray()) : MemorySegment.ofArray(a.toDoubleArray());
        length = n;
    }
}
