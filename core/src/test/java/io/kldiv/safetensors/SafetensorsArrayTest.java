package io.kldiv.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import io.kldiv.kernel.RowValues;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafetensorsArrayTest {
    @TempDir
    Path dir;

    @Test
    void bfloat16TensorIsMappedAsItsBits() throws IOException {
        short[] bits = {0x3F80, (short) 0xBF00, 0x0001, 0x4049, 0x7F80, 0x0000};
        ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        for (short b : bits) {
            data.putShort(b);
        }
        Path file = HandMadeSafetensors.write(dir.resolve("a.safetensors"),
                "{" + HandMadeSafetensors.entry("logits", "BF16", "[2,3]", 0, 12) + "}", data.array());
        try (SafetensorsArray a = SafetensorsArray.open(file, "logits")) {
            assertEquals(Dtype.BFLOAT16, a.dtype());
            assertEquals(2, a.rows());
            assertEquals(3, a.cols());
            assertEquals(file + ":logits", a.source());
            double[] values = new double[bits.length];
            new RowValues(a.dtype(), bits.length).read(a.data(), 0, values);
            for (int i = 0; i < bits.length; i++) {
                double want = Float.intBitsToFloat((bits[i] & 0xFFFF) << 16);
                assertEquals(want, values[i]);
            }
        }
    }

    @Test
    void threeDimensionalTensorIsRowsOfItsLastAxis() throws IOException {
        Path file = HandMadeSafetensors.halfTensor(dir.resolve("b.safetensors"), "x", Dtype.FLOAT16, "[2,3,4]",
                new float[24]);
        try (SafetensorsArray a = SafetensorsArray.open(file, null)) {
            assertEquals(6, a.rows());
            assertEquals(4, a.cols());
            assertEquals(Dtype.FLOAT16, a.dtype());
        }
    }

    @Test
    void tensorAfterAnotherStartsAtItsOwnOffset() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(8 + 16).order(ByteOrder.LITTLE_ENDIAN);
        data.putDouble(99.0).putFloat(1f).putFloat(2f).putFloat(3f).putFloat(4f);
        Path file = HandMadeSafetensors.write(dir.resolve("c.safetensors"), "{"
                + HandMadeSafetensors.entry("bias", "F64", "[1]", 0, 8) + ","
                + HandMadeSafetensors.entry("p", "F32", "[2,2]", 8, 24) + "}", data.array());
        try (SafetensorsArray a = SafetensorsArray.open(TensorRef.parse(file + ""))) {
            assertEquals("p", a.tensor()); // the only 2-D tensor is chosen when none is named
            double[] values = new double[4];
            new RowValues(Dtype.FLOAT32, 4).read(a.data(), 0, values);
            assertEquals(3.0, values[2]);
        }
    }

    @Test
    void tensorNamesAfterTheFile() {
        assertEquals(new TensorRef(Path.of("a.safetensors"), null), TensorRef.parse("a.safetensors"));
        assertEquals(new TensorRef(Path.of("d/a.safetensors"), "model.logits:0"),
                TensorRef.parse("d/a.safetensors:model.logits:0"));
        assertFalse(TensorRef.matches("a.npy"));
        assertTrue(TensorRef.matches("a.safetensors:x"));
    }

    private String rejected(byte[] content) throws IOException {
        Path file = Files.write(dir.resolve("bad.safetensors"), content);
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class,
                () -> SafetensorsArray.open(file, null).close());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}        ; damaged header JSON",
        "[1,2]                                                                      ; the JSON is not an object",
        "{\"x\":{\"dtype\":\"F7\",\"shape\":[2,2],\"data_offsets\":[0,16]}}        ; unknown dtype 'F7'",
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,32]}}       ; outside the 16 bytes of data",
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[8,4]}}        ; outside the 16 bytes of data",
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,16]}}       ; needs 24",
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[2,-2],\"data_offsets\":[0,16]}}      ; not a non-negative integer",
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[2,2]}}                               ; has no data_offsets array of 2",
        "{\"x\":{\"shape\":[2,2],\"data_offsets\":[0,16]}}                         ; has no dtype string",
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,8]},\"y\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[4,12]}} ; overlap",
        "{\"x\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}       ; has dtype I32",
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}         ; no 2-D or 3-D tensor",
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[4,0],\"data_offsets\":[0,0]}}        ; the last axis (categories) must be 1",
        "{\"x\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},\"x\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[8,16]}} ; duplicate key"})
    void damagedHeadersAreOneLineErrors(String header, String expected) throws IOException {
        String message = rejected(HandMadeSafetensors.bytes(header, new byte[16]));
        assertTrue(message.contains(expected), message);
    }

    @Test
    void headerLengthsThatCannotBe() throws IOException {
        assertTrue(rejected(new byte[5]).contains("truncated file"));
        byte[] pastEnd = HandMadeSafetensors.bytes("{}", new byte[0]);
        ByteBuffer.wrap(pastEnd).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000);
        assertTrue(rejected(pastEnd).contains("runs past the end of the file"));
        ByteBuffer.wrap(pastEnd).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1);
        assertTrue(rejected(pastEnd).contains("impossible header length"));
    }

    @Test
    void deeplyNestedHeaderIsRejectedNotAStackOverflow() throws IOException {
        String header = "{\"m\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertTrue(rejected(HandMadeSafetensors.bytes(header, new byte[0])).contains("nested deeper"));
    }

    @Test
    void missingTensorListsWhatTheFileHolds() throws IOException {
        Path file = HandMadeSafetensors.halfTensor(dir.resolve("d.safetensors"), "x", Dtype.BFLOAT16, "[1,2]",
                new float[2]);
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class,
                () -> SafetensorsArray.open(file, "y"));
        assertTrue(e.getMessage().contains("no tensor 'y' (the file holds 'x' BF16[1, 2])"), e.getMessage());
    }

    /** Seeded byte damage to a valid file: every outcome is a clean open or the reader's one exception. */
    @Test
    void randomDamageIsAFormatErrorOrAValidTensor() throws IOException {
        byte[] valid = HandMadeSafetensors.bytes("{\"__metadata__\":{\"a\":\"b\"},"
                + HandMadeSafetensors.entry("x", "BF16", "[2,3]", 0, 12) + ","
                + HandMadeSafetensors.entry("y", "F32", "[1,2]", 12, 20) + "}", new byte[20]);
        java.util.SplittableRandom random = new java.util.SplittableRandom(12);
        Path file = dir.resolve("fuzz.safetensors");
        for (int n = 0; n < 3000; n++) {
            byte[] damaged = valid.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(10) == 0) {
                damaged = java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length));
            }
            Files.write(file, damaged);
            try (SafetensorsArray a = SafetensorsArray.open(file, random.nextBoolean() ? "x" : null)) {
                assertEquals(a.rows() * a.cols() * a.dtype().bytes(), a.data().byteSize());
            } catch (SafetensorsFormatException expected) {
                assertFalse(expected.getMessage().contains("\n"), expected.getMessage());
            }
        }
    }
}
