package io.kldiv.store;

import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32C;

/** CRC32C of off-heap columns of any length: a ByteBuffer view can cover at most 2 GiB, so go in slices. */
final class Crc32c {
    private static final long SLICE_BYTES = 64L << 20;

    private Crc32c() {
    }

    static void update(CRC32C crc, MemorySegment bytes) {
        long size = bytes.byteSize();
        for (long at = 0; at < size; at += SLICE_BYTES) {
            crc.update(bytes.asSlice(at, Math.min(SLICE_BYTES, size - at)).asByteBuffer());
        }
    }

    static int of(MemorySegment bytes) {
        CRC32C crc = new CRC32C();
        update(crc, bytes);
        return (int) crc.getValue();
    }
}
