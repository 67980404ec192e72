package io.kldiv.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The header of a safetensors file: an 8-byte little-endian length N, N bytes of UTF-8 JSON mapping each tensor
 * name to its dtype, shape and [begin, end) byte offsets into the data that follows (plus an optional
 * "__metadata__" object of strings). Everything is checked before it is used: every tensor's byte count must
 * match its shape and dtype, lie inside the file, and overlap no other tensor.
 */
record SafetensorsHeader(long dataOffset, long dataBytes, List<SafetensorsTensor> tensors) {
    /** The reference implementation refuses headers over 100 MB; so does this one, before allocating. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final String METADATA = "__metadata__";

    static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < Long.BYTES) {
            throw damage(file, "truncated file: " + size + " bytes, shorter than the 8-byte header length");
        }
        long length = readAt(channel, 0, Long.BYTES).getLong(0);
        if (length < 2 || length > MAX_HEADER_BYTES) {
            throw damage(file, "impossible header length " + Long.toUnsignedString(length)
                    + " (2 to " + MAX_HEADER_BYTES + " bytes)");
        }
        if (length > size - Long.BYTES) {
            throw damage(file, "header length " + length + " runs past the end of the file (" + size + " bytes)");
        }
        String json = utf8(file, readAt(channel, Long.BYTES, (int) length));
        Object parsed;
        try {
            parsed = HeaderJson.parse(json);
        } catch (IllegalArgumentException e) {
            throw damage(file, "damaged header JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> entries)) {
            throw damage(file, "damaged header: the JSON is not an object");
        }
        long dataOffset = Long.BYTES + length;
        long dataBytes = size - dataOffset;
        List<SafetensorsTensor> tensors = new ArrayList<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String name = (String) entry.getKey();
            if (name.equals(METADATA)) {
                if (!(entry.getValue() instanceof Map<?, ?>)) {
                    throw damage(file, "damaged header: \"" + METADATA + "\" is not an object");
                }
                continue;
            }
            tensors.add(tensor(file, name, entry.getValue(), dataBytes));
        }
        checkNoOverlap(file, tensors);
        return new SafetensorsHeader(dataOffset, dataBytes, List.copyOf(tensors));
    }

    private static SafetensorsTensor tensor(Path file, String name, Object value, long dataBytes)
            throws SafetensorsFormatException {
        String where = "tensor '" + name + "'";
        if (!(value instanceof Map<?, ?> fields)) {
            throw damage(file, "damaged header: " + where + " is not an object");
        }
        if (!(fields.get("dtype") instanceof String dtype)) {
            throw damage(file, "damaged header: " + where + " has no dtype string");
        }
        int elementBytes = SafetensorsTensor.elementBytes(dtype);
        if (elementBytes == 0) {
            throw damage(file, where + " has unknown dtype '" + dtype + "'");
        }
        long[] shape = longs(file, where, "shape", fields.get("shape"), -1);
        long[] offsets = longs(file, where, "data_offsets", fields.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataBytes) {
            throw damage(file, where + " has data offsets [" + begin + ", " + end + "] outside the "
                    + dataBytes + " bytes of data");
        }
        long needed = elementBytes;
        try {
            for (long d : shape) {
                needed = Math.multiplyExact(needed, d);
            }
        } catch (ArithmeticException overflow) {
            throw damage(file, where + " has an impossible shape " + SafetensorsTensor.shapeText(shape));
        }
        if (end - begin != needed) {
            throw damage(file, where + " has " + (end - begin) + " bytes, but shape "
                    + SafetensorsTensor.shapeText(shape) + " of " + dtype + " needs " + needed);
        }
        return new SafetensorsTensor(name, dtype, shape, begin, end);
    }

    /** A JSON array of non-negative integers, of exactly {@code count} elements unless count is −1. */
    private static long[] longs(Path file, String where, String field, Object value, int count)
            throws SafetensorsFormatException {
        if (!(value instanceof List<?> list) || (count >= 0 && list.size() != count)) {
            throw damage(file, "damaged header: " + where + " has no " + field
                    + (count >= 0 ? " array of " + count + " integers" : " array"));
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long n) || n < 0) {
                throw damage(file, "damaged header: " + where + " has a " + field + " element that is not a"
                        + " non-negative integer (" + list.get(i) + ")");
            }
            out[i] = n;
        }
        return out;
    }

    private static void checkNoOverlap(Path file, List<SafetensorsTensor> tensors) throws SafetensorsFormatException {
        List<SafetensorsTensor> byBegin = new ArrayList<>(tensors);
        byBegin.removeIf(t -> t.begin() == t.end()); // empty tensors occupy nothing
        byBegin.sort(Comparator.comparingLong(SafetensorsTensor::begin));
        for (int i = 1; i < byBegin.size(); i++) {
            SafetensorsTensor before = byBegin.get(i - 1);
            SafetensorsTensor after = byBegin.get(i);
            if (after.begin() < before.end()) {
                throw damage(file, "tensors '" + before.name() + "' [" + before.begin() + ", " + before.end()
                        + "] and '" + after.name() + "' [" + after.begin() + ", " + after.end() + "] overlap");
            }
        }
    }

    private static String utf8(Path file, ByteBuffer bytes) throws SafetensorsFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw damage(file, "damaged header: not UTF-8");
        }
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }

    static SafetensorsFormatException damage(Path file, String problem) {
        return new SafetensorsFormatException(file, problem);
    }
}
