package io.kldiv.store;

import io.kldiv.Dtype;

/** Element type of a stored column, with the code that identifies it in the file (see docs/FORMAT.md). */
public enum ColumnType {
    FLOAT32(1, 4),
    FLOAT64(2, 8),
    INT64(3, 8),
    /** Since format version 2. */
    BFLOAT16(4, 2),
    /** Since format version 2. */
    FLOAT16(5, 2);

    private final int code;
    private final int bytes;

    ColumnType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    int code() {
        return code;
    }

    int bytes() {
        return bytes;
    }

    static ColumnType of(Dtype dtype) {
        return switch (dtype) {
            case FLOAT32 -> FLOAT32;
            case FLOAT64 -> FLOAT64;
            case BFLOAT16 -> BFLOAT16;
            case FLOAT16 -> FLOAT16;
        };
    }

    /** The column type with this code, or null if the code is unknown. */
    static ColumnType byCode(int code) {
        for (ColumnType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
