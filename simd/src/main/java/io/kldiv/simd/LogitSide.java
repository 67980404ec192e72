package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.LANES;

import io.kldiv.Dtype;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Logits: ln p = (x − max)/T − ln s, s = Σ exp((x − max)/T), p = exp(ln p): the reference's stable log-softmax.
 * The maximum also does the checking: NaN (lanewise MAX keeps it) or +inf make it non-finite, and so does a row
 * of −inf masks only.
 *
 * <p>The first maximum adds exactly 1 to s, so ln s is taken as log1p of the other terms' sum, as the reference
 * takes it: for a near-certain row (s just above 1) every result moves by the error in ln s while the accuracy
 * bound's S shrinks to about ln s, and log1p keeps that error relative to ln s itself.
 */
final class LogitSide extends VectorSide {
    private final double temperature;
    // Per-lane row constants, kept in arrays: a vector read from a field has no exact type for C2, whose compare
    // then falls back to the Java implementation and boxes on every step.
    private final double[] max = new double[LANES];
    private final double[] firstMax = new double[LANES];
    private final double[] logSum = new double[LANES];
    /** 1/s per lane: turns a kept exp((x − max)/T) into p with one product. */
    private final double[] inverseSum = new double[LANES];

    /**
     * Rows up to this long keep each exp((x − max)/T) from the sum's pass, so that decoding needs a product, not a
     * second exp (the most expensive step of a logit row). Longer rows recompute: a buffer past L2 would cost
     * about as much memory traffic as the exp saves.
     */
    static final int KEPT_EXPS_LIMIT = 1 << 16;
    private double[] exps = new double[0];
    private boolean keepExps;
    private long rowStart;

    LogitSide(Dtype dtype, double temperature, boolean lanesAreRows) {
        super(dtype, lanesAreRows, true);
        this.temperature = temperature;
    }

    @Override
    void begin(MemorySegment values, long offset, int count) {
        rowStart = offset;
        keepExps = count <= KEPT_EXPS_LIMIT;
        if (keepExps && exps.length < DecodedBlock.padded(count)) {
            exps = new double[DecodedBlock.padded(count)];
        }
        maxAndFirstPositionLoop(values, offset, count);
        DoubleVector others = sumOfOtherExps(values, offset, count);
        RepeatableMath.log1p(others).intoArray(logSum, 0);
        DoubleVector.broadcast(DOUBLES, 1.0).div(others.add(1.0)).intoArray(inverseSum, 0);
    }

    // Each pass is its own method: C2 stops inlining Vector API calls into a method past a node budget, and a
    // call left out of line boxes its vectors.

    /** Sets {@link #max} and {@link #firstMax}: the row's maximum and where it first occurs. */
    private void maxAndFirstPositionLoop(MemorySegment values, long offset, int count) {
        DoubleVector m = DoubleVector.broadcast(DOUBLES, Double.NEGATIVE_INFINITY);
        DoubleVector first = DoubleVector.broadcast(DOUBLES, Double.POSITIVE_INFINITY);
        DoubleVector at = firstPositions();
        double step = positionStep();
        for (int i = 0; i < count; i += LANES) {
            DoubleVector x = Loads.widened(values, offset + (long) i * bytes(), float32, count - i, ZERO_LOG_PROBABILITY);
            first = first.blend(at, x.compare(VectorOperators.GT, m));
            m = m.max(x);
            at = at.add(step);
        }
        DoubleVector rowMax = Lanes.max(m, lanesAreRows);
        rowMax.intoArray(max, 0);
        if (lanesAreRows) {
            first.intoArray(firstMax, 0);
        } else {
            Arrays.fill(firstMax, firstPositionOfMax(m, first, rowMax.lane(0)));
        }
    }

    /** Σ exp((x − max)/T) over every position but the first maximum's (which adds exactly 1). */
    private DoubleVector sumOfOtherExps(MemorySegment values, long offset, int count) {
        DoubleVector rowMax = DoubleVector.fromArray(DOUBLES, max, 0);
        DoubleVector firstMax = DoubleVector.fromArray(DOUBLES, this.firstMax, 0);
        DoubleVector others = DoubleVector.zero(DOUBLES);
        DoubleVector at = firstPositions();
        double step = positionStep();
        boolean keep = keepExps;
        double[] exps = this.exps;
        for (int i = 0; i < count; i += LANES) {
            DoubleVector x = Loads.widened(values, offset + (long) i * bytes(), float32, count - i, ZERO_LOG_PROBABILITY);
            DoubleVector e = RepeatableMath.exp(scaled(x, rowMax));
            if (keep) {
                e.intoArray(exps, i);
            }
            others = others.add(e, at.compare(VectorOperators.NE, firstMax));
            at = at.add(step);
        }
        return Lanes.total(others, lanesAreRows);
    }

    /** One row over the lanes: where the row's first maximum is, from each lane's maximum and its first position. */
    private static double firstPositionOfMax(DoubleVector laneMax, DoubleVector laneFirst, double rowMax) {
        double first = Double.POSITIVE_INFINITY;
        for (int l = 0; l < LANES; l++) {
            if (laneMax.lane(l) == rowMax) {
                first = Math.min(first, laneFirst.lane(l));
            }
        }
        return first;
    }

    /** (x − max)/T as the reference computes it; the division is skipped at T = 1, where it changes nothing. */
    private DoubleVector scaled(DoubleVector x, DoubleVector rowMax) {
        DoubleVector shifted = x.sub(rowMax);
        return temperature == 1.0 ? shifted : shifted.div(temperature);
    }

    @Override
    void decode(MemorySegment values, long offset, int count, double[] p, double[] lnP) {
        // Two loops, not one with a choice inside: a vector chosen by a branch is boxed by C2.
        if (keepExps) {
            decodeKeptLoop(values, offset, count, p, lnP);
        } else {
            decodeRecomputedLoop(values, offset, count, p, lnP);
        }
    }

    /**
     * p = exp((x − max)/T)·(1/s): a few ulps from exp(ln p), far inside the bound, and exactly 0 where the
     * kept exp is (x = −inf, or far below the maximum).
     */
    private void decodeKeptLoop(MemorySegment values, long offset, int count, double[] p, double[] lnP) {
        DoubleVector m = DoubleVector.fromArray(DOUBLES, max, 0);
        DoubleVector lse = DoubleVector.fromArray(DOUBLES, logSum, 0);
        DoubleVector inverse = DoubleVector.fromArray(DOUBLES, inverseSum, 0);
        double[] exps = this.exps;
        int from = (int) ((offset - rowStart) / bytes());
        for (int i = 0; i < count; i += LANES) {
            DoubleVector x = Loads.widened(values, offset + (long) i * bytes(), float32, count - i, ZERO_LOG_PROBABILITY);
            scaled(x, m).sub(lse).intoArray(lnP, i);
            DoubleVector.fromArray(DOUBLES, exps, from + i).mul(inverse).intoArray(p, i);
        }
    }

    private void decodeRecomputedLoop(MemorySegment values, long offset, int count, double[] p, double[] lnP) {
        DoubleVector m = DoubleVector.fromArray(DOUBLES, max, 0);
        DoubleVector lse = DoubleVector.fromArray(DOUBLES, logSum, 0);
        for (int i = 0; i < count; i += LANES) {
            DoubleVector x = Loads.widened(values, offset + (long) i * bytes(), float32, count - i, ZERO_LOG_PROBABILITY);
            DoubleVector ln = scaled(x, m).sub(lse);
            ln.intoArray(lnP, i);
            RepeatableMath.exp(ln).intoArray(p, i);
        }
    }

    @Override
    long validLanes() {
        DoubleVector m = DoubleVector.fromArray(DOUBLES, max, 0);
        return m.compare(VectorOperators.GT, Double.NEGATIVE_INFINITY)
                .and(m.compare(VectorOperators.LT, Double.POSITIVE_INFINITY))
                .toLong();
    }
}
