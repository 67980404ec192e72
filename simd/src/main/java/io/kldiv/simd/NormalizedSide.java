package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.LANES;

import io.kldiv.Dtype;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/** Probabilities rescaled by their row sum: p = x / sum, ln p = ln p. The sum needs its own pass first. */
final class NormalizedSide extends VectorSide {
    /**
     * A sum above this is flagged rather than trusted: summed in another order than the reference's, a sum this
     * close to overflow could be finite here and infinite there.
     */
    private static final double LARGEST_TRUSTED_SUM = 1e300;

    // Per-lane sum and minimum in arrays: C2 cannot unbox a vector read from a field cheaply.
    private final double[] total = new double[LANES];
    private final double[] min = new double[LANES];

    NormalizedSide(Dtype dtype, boolean lanesAreRows, boolean needsLogs) {
        super(dtype, lanesAreRows, needsLogs);
    }

    @Override
    void begin(MemorySegment values, long offset, int count) {
        sumAndMinLoop(values, offset, count);
    }

    private void sumAndMinLoop(MemorySegment values, long offset, int count) {
        DoubleVector s = DoubleVector.zero(DOUBLES);
        DoubleVector m = DoubleVector.broadcast(DOUBLES, Double.POSITIVE_INFINITY);
        for (int i = 0; i < count; i += LANES) {
            DoubleVector x = Loads.widened(values, offset + (long) i * bytes(), float32, count - i, ZERO_PROBABILITY);
            s = s.add(x);
            m = m.min(x);
        }
        Lanes.total(s, lanesAreRows).intoArray(total, 0);
        Lanes.min(m, lanesAreRows).intoArray(min, 0);
    }

    @Override
    void decode(MemorySegment values, long offset, int count, double[] p, double[] lnP) {
        decodeValuesLoop(values, offset, count, p);
        if (needsLogs) {
            logsLoop(p, lnP, count);
        }
    }

    private void decodeValuesLoop(MemorySegment values, long offset, int count, double[] p) {
        DoubleVector t = DoubleVector.fromArray(DOUBLES, total, 0);
        for (int i = 0; i < count; i += LANES) {
            Loads.widened(values, offset + (long) i * bytes(), float32, count - i, ZERO_PROBABILITY).div(t).intoArray(p, i);
        }
    }

    @Override
    long validLanes() {
        DoubleVector t = DoubleVector.fromArray(DOUBLES, total, 0);
        return DoubleVector.fromArray(DOUBLES, min, 0).compare(VectorOperators.GE, 0.0)
                .and(t.compare(VectorOperators.GT, 0.0))
                .and(t.compare(VectorOperators.LE, LARGEST_TRUSTED_SUM))
                .toLong();
    }
}
