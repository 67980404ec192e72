package io.kldiv.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-rolled .npy files for the tests, written and read without kldiv's own .npy code. */
final class NpyFiles {
    private NpyFiles() {
    }

    /** A version 1.0 file with the given descr ('<f8', '<f4', '<i4') and 2-D shape, data from doubles. */
    static void write(Path file, String descr, double[][] rows) throws IOException {
        int k = rows.length == 0 ? 0 : rows[0].length;
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + rows.length + ", " + k + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        int size = descr.endsWith("8") ? 8 : descr.endsWith("2") ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + rows.length * k * size).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (double[] row : rows) {
            for (double v : row) {
                switch (descr) {
                    case "<f8" -> b.putDouble(v);
                    case "<f4" -> b.putFloat((float) v);
                    case "<i4" -> b.putInt((int) v);
                    case "<f2" -> b.putShort(Float.floatToFloat16((float) v));
                    // ml_dtypes bfloat16 is saved as a 2-byte void; truncation keeps the value a bfloat16 exactly
                    // when the caller passes bfloat16 values.
                    case "<V2" -> b.putShort((short) (Float.floatToRawIntBits((float) v) >>> 16));
                    default -> throw new IllegalArgumentException(descr);
                }
            }
        }
        Files.write(file, b.array());
    }

    /** A float64 .npy file's shape and values (any version 1.0 header). */
    record Array(long[] shape, double[] values) {
    }

    static Array readFloat64(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.get(6) != 1) {
            throw new IllegalStateException("expected a version 1.0 file");
        }
        int headerLength = Short.toUnsignedInt(b.getShort(8));
        String header = new String(b.array(), 10, headerLength, StandardCharsets.US_ASCII);
        if (!header.contains("'descr': '<f8'")) {
            throw new IllegalStateException("not float64: " + header);
        }
        String shapeText = header.substring(header.indexOf("'shape': (") + 10, header.indexOf(')'));
        long[] shape = java.util.Arrays.stream(shapeText.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        b.position(10 + headerLength);
        double[] values = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(values);
        return new Array(shape, values);
    }
}
