package io.kldiv.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds .npy files byte by byte from the NumPy format description, independently of kldiv's writer. */
final class HandMadeNpy {
    private HandMadeNpy() {
    }

    /**
     * Magic, version (major.0), header length (uint16 LE for version 1, uint32 LE otherwise), the dict text
     * padded with spaces to {@code padTo} bytes of preamble and a newline, then {@code data}.
     */
    static byte[] bytes(int major, String dict, int padTo, byte[] data) {
        Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        byte[] text = dict.getBytes(charset);
        int lengthBytes = major == 1 ? 2 : 4;
        int unpadded = 6 + 2 + lengthBytes + text.length + 1;
        int preamble = padTo <= 1 ? unpadded : (unpadded + padTo - 1) / padTo * padTo;
        ByteBuffer out = ByteBuffer.allocate(preamble + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        int headerLength = preamble - 8 - lengthBytes;
        if (major == 1) {
            out.putShort((short) headerLength);
        } else {
            out.putInt(headerLength);
        }
        out.put(text);
        while (out.position() < preamble - 1) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        out.put(data);
        return out.array();
    }

    static Path write(Path file, int major, String dict, int padTo, byte[] data) throws IOException {
        return Files.write(file, bytes(major, dict, padTo, data));
    }

    static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    static byte[] floats(float... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            out.putFloat(v);
        }
        return out.array();
    }

    static byte[] doubles(double... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            out.putDouble(v);
        }
        return out.array();
    }
}
