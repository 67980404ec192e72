package io.kldiv.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Written files are checked byte by byte against the NumPy format description, not read back with kldiv. */
class NpyWriterTest {
    @TempDir
    Path dir;

    /** Splits a .npy file as the format description says and checks the preamble; returns the data bytes. */
    private static ByteBuffer dataOf(byte[] file, String expectedDict) {
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(file, 8));
        int headerLength = Short.toUnsignedInt(ByteBuffer.wrap(file, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
        int dataStart = 10 + headerLength;
        assertEquals(0, dataStart % 64, "data starts on a 64-byte boundary");
        String header = new String(file, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertTrue(header.endsWith("\n"), header);
        assertEquals(expectedDict, header.stripTrailing());
        return ByteBuffer.wrap(file, dataStart, file.length - dataStart).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void writesOneDimensionalFloat64() throws IOException {
        Path file = dir.resolve("r.npy");
        try (NpyWriter writer = NpyWriter.create(file, Dtype.FLOAT64, 5)) {
            writer.append(0.5, Double.POSITIVE_INFINITY);
            writer.append(-0.0, Double.NaN, 1e-310);
            assertEquals(file.toAbsolutePath(), writer.finish());
        }
        ByteBuffer data = dataOf(Files.readAllBytes(file), "{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }");
        assertEquals(5 * 8, data.remaining());
        double[] expected = {0.5, Double.POSITIVE_INFINITY, -0.0, Double.NaN, 1e-310};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(data.getDouble(i * 8)));
        }
    }

    @Test
    void writesTwoDimensionalFloat32FromArraysAndSegments() throws IOException {
        Path file = dir.resolve("m.npy");
        try (NpyWriter writer = NpyWriter.create(file, Dtype.FLOAT32, 3, 2); Arena arena = Arena.ofConfined()) {
            writer.append(1f, 2f);
            MemorySegment rest = arena.allocate(16);
            for (int i = 0; i < 4; i++) {
                rest.setAtIndex(NpyArrayTest.FLOAT_LE, i, 3f + i);
            }
            writer.append(rest);
            writer.finish();
        }
        ByteBuffer data = dataOf(Files.readAllBytes(file), "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }");
        for (int i = 0; i < 6; i++) {
            assertEquals(1f + i, data.getFloat(i * 4));
        }
        try (NpyArray array = NpyArray.open(file)) {
            assertEquals(3, array.rows());
            assertEquals(2, array.cols());
            assertEquals(6f, array.data().getAtIndex(NpyArrayTest.FLOAT_LE, 5));
        }
    }

    @Test
    void writesEmptyArray() throws IOException {
        Path file = dir.resolve("e.npy");
        try (NpyWriter writer = NpyWriter.create(file, Dtype.FLOAT64, 0)) {
            writer.finish();
        }
        assertEquals(0, dataOf(Files.readAllBytes(file), "{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }")
                .remaining());
    }

    @Test
    void incompleteOrAbandonedWritesPublishNothingAndKeepTheOldFile() throws IOException {
        Path file = dir.resolve("r.npy");
        try (NpyWriter writer = NpyWriter.create(file, Dtype.FLOAT64, 2)) {
            writer.append(1.0, 2.0);
            writer.finish();
        }
        byte[] old = Files.readAllBytes(file);
        try (NpyWriter writer = NpyWriter.create(file, Dtype.FLOAT64, 3)) {
            writer.append(7.0);
            assertThrows(IllegalArgumentException.class, () -> writer.append(1f));
            assertThrows(IllegalStateException.class, () -> writer.append(1.0, 2.0, 3.0));
            IllegalStateException e = assertThrows(IllegalStateException.class, writer::finish);
            assertTrue(e.getMessage().contains("declared with 3 values but 1 were appended"), e.getMessage());
        }
        try (NpyWriter writer = NpyWriter.create(file, Dtype.FLOAT64, 1)) {
            writer.append(9.0);
            // abandoned: never finished
        }
        assertArrayEquals(old, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
