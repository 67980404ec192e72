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

    private DoubleVector total;
    private DoubleVector min;

    NormalizedSide(Dtype dtype, boolean lanesAreRows) {
        super(dtype, lanesAreRows);
    }

    @Override
    void begin(MemorySegment values, long offset, int count) {
        DoubleVector s = DoubleVector.zero(DOUBLES);
        DoubleVector m = DoubleVector.broadcast(DOUBLES, Double.POSITIVE_INFINITY);
        for (int i = 0; i < count; i += LANES) {
            DoubleVector x = Loads.widened(values, offset + (long) i * bytes(), float32, count - i, ZERO_PROBABILITY);
            s = s.add(x);
            m = m.min(x);
        }
        total = Lanes.total(s, lanesAreRows);
        min = Lanes.min(m, lanesAreRows);
    }

    @Override
    void decode(MemorySegment values, long offset, int count, double[] p, double[] lnP) {
        DoubleVector t = total;
        for (int i = 0; i < count; i += LANES) {
            DoubleVector x = Loads.widened(values, offset + (long) i * bytes(), float32, count - i, ZERO_PROBABILITY);
            DoubleVector prob = x.div(t);
            prob.intoArray(p, i);
            RepeatableMath.log(prob).intoArray(lnP, i);
        }
    }

    @Override
    long validLanes() {
        return min.compare(VectorOperators.GE, 0.0)
                .and(total.compare(VectorOperators.GT, 0.0))
                .and(total.compare(VectorOperators.LE, LARGEST_TRUSTED_SUM))
                .toLong();
    }
}
