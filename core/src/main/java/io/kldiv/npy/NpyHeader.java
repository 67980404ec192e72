package io.kldiv.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The header of a .npy file (NumPy format versions 1.0, 2.0 and 3.0): magic {@code \x93NUMPY}, major and minor
 * version bytes, the header length (uint16 little-endian in version 1, uint32 in 2 and 3), then a Python dict
 * literal (Latin-1 in versions 1 and 2, UTF-8 in 3) padded with spaces and a newline. The data follows it.
 *
 * @param descr       the dtype string, e.g. {@code <f4}; a structured dtype is described by its literal text
 * @param structured  whether descr is a list of fields rather than one type
 * @param dataOffset  where the data starts in the file
 */
record NpyHeader(int majorVersion, String descr, boolean structured, boolean fortranOrder, long[] shape,
        long dataOffset) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The largest header this reader accepts; real headers are a few hundred bytes. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    /** NumPy pads the header so the data starts on a 64-byte boundary; so does {@link #encode}. */
    private static final int ALIGNMENT = 64;

    static NpyHeader read(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer preamble = readAt(channel, 0, (int) Math.min(size, 12));
        if (size < 8 || !preamble.slice(0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            throw new NpyFormatException(file, "not a .npy file (bad magic; expected \\x93NUMPY)");
        }
        int major = Byte.toUnsignedInt(preamble.get(6));
        int minor = Byte.toUnsignedInt(preamble.get(7));
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(file, "unsupported .npy format version " + major + "." + minor
                    + "; kldiv reads versions 1.0, 2.0 and 3.0");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        if (size < 8 + lengthBytes) {
            throw new NpyFormatException(file, "truncated header: the file has only " + size + " bytes");
        }
        long headerLength = major == 1 ? Short.toUnsignedInt(preamble.getShort(8)) : Integer.toUnsignedLong(preamble.getInt(8));
        long dataOffset = 8 + lengthBytes + headerLength;
        if (headerLength > MAX_HEADER_BYTES) {
            throw new NpyFormatException(file, "header of " + headerLength + " bytes is implausibly large (at most "
                    + MAX_HEADER_BYTES + ")");
        }
        if (size < dataOffset) {
            throw new NpyFormatException(file, "truncated header: it needs " + dataOffset + " bytes, the file has "
                    + size);
        }
        ByteBuffer dictBytes = readAt(channel, 8 + lengthBytes, (int) headerLength);
        String dictText = (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).decode(dictBytes).toString();
        Map<String, Object> dict;
        try {
            dict = PythonLiteral.parseDict(dictText);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(file, "malformed header dict (" + e.getMessage() + "): " + oneLine(dictText));
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shape = dict.get("shape");
        if (!(descr instanceof String || descr instanceof List) || !(fortran instanceof Boolean)
                || !(shape instanceof List<?> dims) || !dims.stream().allMatch(d -> d instanceof Long n && n >= 0)) {
            throw new NpyFormatException(file, "malformed header dict (needs 'descr', 'fortran_order' and a 'shape' "
                    + "tuple of non-negative integers): " + oneLine(dictText));
        }
        long[] dimensions = dims.stream().mapToLong(d -> (Long) d).toArray();
        boolean structured = !(descr instanceof String);
        return new NpyHeader(major, structured ? String.valueOf(descr) : (String) descr, structured, (Boolean) fortran,
                dimensions, dataOffset);
    }

    /** Header bytes for a C-order array, version 1.0 unless the dict needs more than 65535 bytes. */
    static byte[] encode(String descr, long[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        int major = 8 + 2 + text.length + 1 <= 65535 ? 1 : 2;
        int lengthBytes = major == 1 ? 2 : 4;
        int unpadded = 8 + lengthBytes + text.length + 1;
        int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        ByteBuffer header = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).put((byte) major).put((byte) 0);
        int headerLength = total - 8 - lengthBytes;
        if (major == 1) {
            header.putShort((short) headerLength);
        } else {
            header.putInt(headerLength);
        }
        header.put(text);
        while (header.position() < total - 1) {
            header.put((byte) ' ');
        }
        header.put((byte) '\n');
        return header.array();
    }

    /** The shape as Python writes it: {@code (5,)}, {@code (3, 4)}. */
    static String shapeText(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String oneLine(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
            // keep reading: a channel may return fewer bytes than asked
        }
        return buffer.flip();
    }
}
