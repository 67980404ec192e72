package io.kldiv.store;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Values the store tests write and expect back: a fixed function of side, row and category. */
final class TableValues {
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private TableValues() {
    }

    /** Distinct for every (side, row, category), with a few values that are easy to mangle mixed in. */
    static double value(char side, long row, int category) {
        long cell = row * 1009 + category * 7 + (side == 'p' ? 0 : 3);
        return switch ((int) (cell % 5)) {
            case 0 -> 0.0;
            case 1 -> Double.MIN_NORMAL / 3 * (1 + cell % 11);
            case 2 -> -0.0;
            default -> (cell % 997) / 997.0 + 1e-3 * row;
        };
    }

    static float[] floatRow(char side, long row, int k) {
        float[] values = new float[k];
        for (int c = 0; c < k; c++) {
            values[c] = (float) value(side, row, c);
        }
        return values;
    }

    static double[] doubleRow(char side, long row, int k) {
        double[] values = new double[k];
        for (int c = 0; c < k; c++) {
            values[c] = value(side, row, c);
        }
        return values;
    }

    static long id(long row) {
        return 1_000_000_007L * row - 42;
    }

    static double result(long row) {
        return row * 0.25 - 1;
    }
}
