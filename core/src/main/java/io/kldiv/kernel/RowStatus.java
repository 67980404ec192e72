package io.kldiv.kernel;

import io.kldiv.InvalidReason;

/** The per-row status byte a kernel writes: 0 for a valid row, else 1 + the {@link InvalidReason}'s ordinal. */
public final class RowStatus {
    public static final byte VALID = 0;

    private RowStatus() {
    }

    public static byte of(InvalidReason reason) {
        return (byte) (1 + reason.ordinal());
    }

    /** The reason behind a status byte, or null for a valid row. */
    public static InvalidReason reason(byte status) {
        return status == VALID ? null : InvalidReason.values()[status - 1];
    }
}
