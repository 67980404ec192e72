package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.LANES;

import jdk.incubator.vector.DoubleVector;

/**
 * Finishing per-lane partial results. When the lanes are rows of a narrow tile, each lane is already its row's
 * result; when one row spans the lanes, they are combined in lane order by plain scalar code (not
 * {@code reduceLanes}, whose order is unspecified and may change with the JIT tier) and the result broadcast,
 * so the caller can go on lanewise either way.
 */
final class Lanes {
    private Lanes() {
    }

    static DoubleVector total(DoubleVector partial, boolean lanesAreRows) {
        if (lanesAreRows) {
            return partial;
        }
        double sum = 0.0;
        for (int i = 0; i < LANES; i++) {
            sum += partial.lane(i);
        }
        return DoubleVector.broadcast(DOUBLES, sum);
    }

    static DoubleVector max(DoubleVector partial, boolean lanesAreRows) {
        if (lanesAreRows) {
            return partial;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < LANES; i++) {
            max = Math.max(max, partial.lane(i));
        }
        return DoubleVector.broadcast(DOUBLES, max);
    }

    static DoubleVector min(DoubleVector partial, boolean lanesAreRows) {
        if (lanesAreRows) {
            return partial;
        }
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < LANES; i++) {
            min = Math.min(min, partial.lane(i));
        }
        return DoubleVector.broadcast(DOUBLES, min);
    }

    /** Sums of lanes in lane order: a row's term sum, the same bits whatever else ran. */
    static double total(double[] lanes) {
        double sum = 0.0;
        for (double v : lanes) {
            sum += v;
        }
        return sum;
    }
}
