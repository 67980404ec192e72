package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.LANES;

import io.kldiv.kernel.Term;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Σ over w > 0 of w·(a − b): KL one way or the other. Where w = 0 the term is skipped, never 0·(−inf) = NaN;
 * where b = −inf and w > 0 it is +inf.
 */
final class WeightedDifferenceSum extends TermSum {
    private final double[] w;
    private final double[] a;
    private final double[] b;

    WeightedDifferenceSum(Term term, double[] w, double[] a, double[] b) {
        super(term);
        this.w = w;
        this.a = a;
        this.b = b;
    }

    @Override
    void add(int count) {
        sumLoop(count);
    }

    private void sumLoop(int count) {
        double[] w = this.w;
        double[] a = this.a;
        double[] b = this.b;
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        for (int i = 0; i < count; i += LANES) {
            DoubleVector weight = DoubleVector.fromArray(DOUBLES, w, i);
            VectorMask<Double> present = weight.compare(VectorOperators.GT, 0.0);
            DoubleVector difference = DoubleVector.fromArray(DOUBLES, a, i).sub(DoubleVector.fromArray(DOUBLES, b, i));
            acc = acc.add(weight.mul(difference), present);
        }
        DoubleVector.fromArray(DOUBLES, lanes, 0).add(acc).intoArray(lanes, 0); // the block's sums join the row's
    }
}
