package io.kldiv.io;

import java.lang.foreign.MemorySegment;

/**
 * Bulk copies between memory segments and Java arrays of native-order values, as plain byte copies through a
 * segment view of the array. They move the same bytes as {@code MemorySegment.copy} with a native-order layout,
 * but that method first picks the array's element type with a pattern switch, whose class the JDK generates at
 * the first call: a few milliseconds in the middle of a short job, and more methods for C1 to compile while the
 * job's threads want its cores.
 */
public final class NativeOrderCopy {
    private NativeOrderCopy() {
    }

    /** {@code n} doubles from byte {@code offset} of {@code source} into {@code target[0, n)}. */
    public static void toArray(MemorySegment source, long offset, double[] target, int n) {
        MemorySegment.copy(source, offset, MemorySegment.ofArray(target), 0, (long) n * Double.BYTES);
    }

    /** {@code n} floats from byte {@code offset} of {@code source} into {@code target[0, n)}. */
    public static void toArray(MemorySegment source, long offset, float[] target, int n) {
        MemorySegment.copy(source, offset, MemorySegment.ofArray(target), 0, (long) n * Float.BYTES);
    }

    /** {@code n} shorts from byte {@code offset} of {@code source} into {@code target[0, n)}. */
    public static void toArray(MemorySegment source, long offset, short[] target, int n) {
        MemorySegment.copy(source, offset, MemorySegment.ofArray(target), 0, (long) n * Short.BYTES);
    }

    /** {@code n} bytes from byte {@code offset} of {@code source} into {@code target[0, n)}. */
    public static void toArray(MemorySegment source, long offset, byte[] target, int n) {
        MemorySegment.copy(source, offset, MemorySegment.ofArray(target), 0, n);
    }

    /** {@code source[0, n)} to byte {@code offset} of {@code target}. */
    public static void fromArray(double[] source, int n, MemorySegment target, long offset) {
        MemorySegment.copy(MemorySegment.ofArray(source), 0, target, offset, (long) n * Double.BYTES);
    }

    /** {@code source[0, n)} to byte {@code offset} of {@code target}. */
    public static void fromArray(byte[] source, int n, MemorySegment target, long offset) {
        MemorySegment.copy(MemorySegment.ofArray(source), 0, target, offset, n);
    }
}
