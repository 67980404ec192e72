package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.LANES;

import io.kldiv.kernel.Term;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Σ over w > 0 of w·ln(w/v) for two probability sides: KL one way or the other, with the log ratio taken from the
 * two values ({@link RepeatableMath#logRatio}) — one log per category instead of two, and exact to the last bits
 * where w and v are close, which is where the divergence of near-identical rows comes from. v = 0 gives +inf.
 */
final class RatioLogSum extends TermSum {
    private final double[] w;
    private final double[] v;
    private final boolean float32;

    RatioLogSum(Term term, double[] w, double[] v, boolean float32) {
        super(term);
        this.w = w;
        this.v = v;
        this.float32 = float32;
    }

    @Override
    void add(int count) {
        // One loop per case, not one with a choice inside: a vector chosen by a branch is boxed by C2.
        if (float32) {
            addNormalsLoop(count);
        } else {
            addAnyLoop(count);
        }
    }

    /** Float32 values widened: 0 or normal doubles, so the log ratio needs no subnormal scaling. */
    private void addNormalsLoop(int count) {
        double[] w = this.w;
        double[] v = this.v;
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        for (int i = 0; i < count; i += LANES) {
            DoubleVector weight = DoubleVector.fromArray(DOUBLES, w, i);
            DoubleVector term = weight.mul(RepeatableMath.logRatioOfNormals(weight, DoubleVector.fromArray(DOUBLES, v, i)));
            acc = acc.add(term, weight.compare(VectorOperators.GT, 0.0));
        }
        DoubleVector.fromArray(DOUBLES, lanes, 0).add(acc).intoArray(lanes, 0); // the block's sums join the row's
    }

    private void addAnyLoop(int count) {
        double[] w = this.w;
        double[] v = this.v;
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        for (int i = 0; i < count; i += LANES) {
            DoubleVector weight = DoubleVector.fromArray(DOUBLES, w, i);
            DoubleVector term = weight.mul(RepeatableMath.logRatio(weight, DoubleVector.fromArray(DOUBLES, v, i)));
            acc = acc.add(term, weight.compare(VectorOperators.GT, 0.0));
        }
        DoubleVector.fromArray(DOUBLES, lanes, 0).add(acc).intoArray(lanes, 0); // the block's sums join the row's
    }
}
