package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.LANES;

import io.kldiv.Dtype;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Log-probabilities: ln p = x, p = exp(x). The check rides along: Σ exp(x) must have a logarithm within the
 * tolerance of 0, which NaN and +inf (exp gives NaN, +inf) fail too. No maximum is subtracted: a valid row's
 * values are at most about 0, and a row whose sum overflows is invalid anyway.
 */
final class LogProbabilitySide extends VectorSide {
    private final double tolerance;
    /** Per-lane Σ exp(x) across blocks; an array, not a vector field, which C2 would box on every step. */
    private final double[] sumExp = new double[LANES];

    LogProbabilitySide(Dtype dtype, double tolerance, boolean lanesAreRows) {
        super(dtype, lanesAreRows, true);
        this.tolerance = tolerance;
    }

    @Override
    void begin(MemorySegment values, long offset, int count) {
        Arrays.fill(sumExp, 0.0);
    }

    @Override
    void decode(MemorySegment values, long offset, int count, double[] p, double[] lnP) {
        decodeLoop(values, offset, count, p, lnP);
    }

    private void decodeLoop(MemorySegment values, long offset, int count, double[] p, double[] lnP) {
        DoubleVector s = DoubleVector.fromArray(DOUBLES, sumExp, 0);
        for (int i = 0; i < count; i += LANES) {
            DoubleVector x = Loads.widened(values, offset + (long) i * bytes(), float32, count - i, ZERO_LOG_PROBABILITY);
            DoubleVector prob = RepeatableMath.exp(x);
            x.intoArray(lnP, i);
            prob.intoArray(p, i);
            s = s.add(prob);
        }
        s.intoArray(sumExp, 0);
    }

    @Override
    long validLanes() {
        return RepeatableMath.log(Lanes.total(DoubleVector.fromArray(DOUBLES, sumExp, 0), lanesAreRows)).abs()
                .compare(VectorOperators.LE, tolerance)
                .toLong();
    }
}
