package io.kldiv.safetensors;

import io.kldiv.Dtype;
import io.kldiv.HalfFloats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** safetensors files written byte by byte from a header text and a data section, as the format describes. */
final class HandMadeSafetensors {
    private HandMadeSafetensors() {
    }

    static byte[] bytes(String headerJson, byte[] data) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(header.length).put(header).put(data);
        return out.array();
    }

    static Path write(Path file, String headerJson, byte[] data) throws IOException {
        return Files.write(file, bytes(headerJson, data));
    }

    /** One tensor's header entry. */
    static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    /** A file holding one tensor {@code name} of the given shape: values rounded to the half type's bits. */
    static Path halfTensor(Path file, String name, Dtype dtype, String shape, float[] values) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putShort(HalfFloats.fromFloat(v, dtype));
        }
        String type = dtype == Dtype.BFLOAT16 ? "BF16" : "F16";
        return write(file, "{\"__metadata__\":{\"format\":\"pt\"}," + entry(name, type, shape, 0, values.length * 2L)
                + "}", data.array());
    }
}
