package io.kldiv.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpyArrayTest {
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path dir;

    @Test
    void readsVersion1Float32() throws IOException {
        float[] values = {0.5f, 0.25f, 0.25f, 1f, 0f, Float.MIN_VALUE};
        Path file = HandMadeNpy.write(dir.resolve("a.npy"), 1, HandMadeNpy.dict("<f4", "(2, 3)"), 64,
                HandMadeNpy.floats(values));
        try (NpyArray array = NpyArray.open(file)) {
            assertEquals(Dtype.FLOAT32, array.dtype());
            assertEquals(2, array.rows());
            assertEquals(3, array.cols());
            MemorySegment data = array.data();
            assertEquals(24, data.byteSize());
            assertTrue(data.isReadOnly());
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], data.getAtIndex(FLOAT_LE, i));
            }
            assertEquals(0, data.address() % 64, "NumPy-style padding puts the data on a 64-byte boundary");
        }
    }

    @Test
    void readsVersion2Float64() throws IOException {
        double[] values = {0.1, 0.9, 1e-300, 1 - 1e-300};
        Path file = HandMadeNpy.write(dir.resolve("b.npy"), 2, HandMadeNpy.dict("<f8", "(2, 2)"), 64,
                HandMadeNpy.doubles(values));
        try (NpyArray array = NpyArray.open(file)) {
            assertEquals(Dtype.FLOAT64, array.dtype());
            assertEquals(2, array.rows());
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], array.data().getAtIndex(DOUBLE_LE, i));
            }
        }
    }

    @Test
    void readsVersion3WithUtf8AndLooseSpelling() throws IOException {
        // Double quotes, no trailing comma, a Python 2 long suffix, odd spacing, no padding (unaligned data).
        String dict = "{\"descr\":\"<f8\" , \"shape\":( 1L ,2L ),\"fortran_order\" :False}";
        Path file = HandMadeNpy.write(dir.resolve("c.npy"), 3, dict, 1, HandMadeNpy.doubles(0.25, 0.75));
        try (NpyArray array = NpyArray.open(file)) {
            assertEquals(1, array.rows());
            assertEquals(2, array.cols());
            assertEquals(0.75, array.data().getAtIndex(DOUBLE_LE, 1));
        }
    }

    @Test
    void readsEmptyArray() throws IOException {
        Path file = HandMadeNpy.write(dir.resolve("e.npy"), 1, HandMadeNpy.dict("<f4", "(0, 7)"), 64, new byte[0]);
        try (NpyArray array = NpyArray.open(file)) {
            assertEquals(0, array.rows());
            assertEquals(7, array.cols());
            assertEquals(0, array.data().byteSize());
        }
    }

    @Test
    void closedArrayRefusesAccess() throws IOException {
        Path file = HandMadeNpy.write(dir.resolve("a.npy"), 1, HandMadeNpy.dict("<f4", "(1, 1)"), 64,
                HandMadeNpy.floats(1f));
        NpyArray array = NpyArray.open(file);
        MemorySegment data = array.data();
        array.close();
        array.close();
        assertThrows(IllegalStateException.class, () -> data.get(FLOAT_LE, 0));
        assertThrows(IllegalStateException.class, array::rows);
    }

    private String rejected(String name, byte[] content) throws IOException {
        Path file = Files.write(dir.resolve(name), content);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyArray.open(file).close());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "<f4 ; (2, 3) ; is in Fortran (column-major) order",
        ">f4 ; (2, 3) ; is big-endian ('>f4')",
        ">f8 ; (2, 3) ; is big-endian ('>f8')",
        "<i8 ; (2, 3) ; has an integer or boolean dtype ('<i8')",
        "|u1 ; (2, 3) ; has an integer or boolean dtype ('|u1')",
        ">f2 ; (2, 3) ; is big-endian ('>f2')",
        "|V4 ; (2, 3) ; has an unsupported dtype ('|V4')",
        "<c8 ; (2, 3) ; has an unsupported dtype ('<c8')",
        "<f4 ; (6,)   ; is 1-D (shape (6,))",
        "<f4 ; (1, 2, 3) ; is 3-D (shape (1, 2, 3))",
        "<f4 ; (6, 0) ; the second dimension (categories) must be 1"})
    void unsupportedArraysSayWhatAndWhatIsSupported(String descr, String shape, String expected) throws IOException {
        boolean fortran = expected.contains("Fortran");
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
        String message = rejected("bad.npy", HandMadeNpy.bytes(1, dict, 64, new byte[48]));
        assertTrue(message.contains(expected), message);
        assertTrue(message.endsWith(NpyArray.SUPPORTED), message);
    }

    @Test
    void structuredDtype() throws IOException {
        String dict = "{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (2, 2), }";
        assertTrue(rejected("s.npy", HandMadeNpy.bytes(1, dict, 64, new byte[32])).contains("structured dtype"));
    }

    @Test
    void truncatedData() throws IOException {
        byte[] good = HandMadeNpy.bytes(1, HandMadeNpy.dict("<f4", "(2, 3)"), 64, new byte[24]);
        int header = good.length - 24;
        String message = rejected("t.npy", Arrays.copyOf(good, good.length - 1));
        assertTrue(message.contains("truncated data: shape (2, 3) of float32 needs 24 bytes after the " + header
                + "-byte header, the file has 23"), message);
    }

    @Test
    void trailingDataIsRejected() throws IOException {
        // A damaged shape digit, (2, 3) read as (1, 3), leaves data behind: rejected, not silently fewer rows.
        byte[] shortened = HandMadeNpy.bytes(1, HandMadeNpy.dict("<f4", "(1, 3)"), 64, new byte[24]);
        String message = rejected("x.npy", shortened);
        assertTrue(message.contains("unexpected trailing data: shape (1, 3) of float32 needs 12 bytes"), message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(4611686018427387904, 2)|impossible shape (4611686018427387904, 2)",
        "(2, 2147483647000)|the second dimension (categories) must be 1 to 2147483647",
        "(9223372036854775808, 2)|bad integer '9223372036854775808'"})
    void shapesThatOverflowALongAreRejectedBeforeMapping(String shape, String expected) throws IOException {
        // 2^62 rows × 2 × 4 bytes overflows a long; the file is 128 bytes, so a mapping would fail differently.
        String message = rejected("o.npy", HandMadeNpy.bytes(1, HandMadeNpy.dict("<f4", shape), 64, new byte[16]));
        assertTrue(message.contains(expected), message);
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] good = HandMadeNpy.bytes(1, HandMadeNpy.dict("<f4", "(2, 3)"), 64, new byte[24]);
        assertTrue(rejected("h.npy", Arrays.copyOf(good, 40)).contains("truncated header"));
    }

    @Test
    void badMagic() throws IOException {
        byte[] bytes = HandMadeNpy.bytes(1, HandMadeNpy.dict("<f4", "(1, 1)"), 64, new byte[4]);
        bytes[1] = 'X';
        assertTrue(rejected("m.npy", bytes).contains("not a .npy file"));
    }

    @Test
    void unknownVersion() throws IOException {
        byte[] bytes = HandMadeNpy.bytes(2, HandMadeNpy.dict("<f4", "(1, 1)"), 64, new byte[4]);
        bytes[6] = 4;
        assertTrue(rejected("v.npy", bytes).contains("unsupported .npy format version 4.0"));
    }

    @Test
    void malformedHeader() throws IOException {
        byte[] bytes = HandMadeNpy.bytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1}", 64, new byte[4]);
        assertTrue(rejected("x.npy", bytes).contains("malformed header dict"));
    }
}
