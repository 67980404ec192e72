package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.LANES;

import io.kldiv.kernel.Term;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/** Σ over w > 0 of w·ln x: cross-entropy and the entropies (negated when finished). */
final class WeightedLogSum extends TermSum {
    private final double[] w;
    private final double[] logs;

    WeightedLogSum(Term term, double[] w, double[] logs) {
        super(term);
        this.w = w;
        this.logs = logs;
    }

    @Override
    void add(int count) {
        sumLoop(count);
    }

    private void sumLoop(int count) {
        double[] w = this.w;
        double[] logs = this.logs;
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        for (int i = 0; i < count; i += LANES) {
            DoubleVector weight = DoubleVector.fromArray(DOUBLES, w, i);
            acc = acc.add(weight.mul(DoubleVector.fromArray(DOUBLES, logs, i)), weight.compare(VectorOperators.GT, 0.0));
        }
        DoubleVector.fromArray(DOUBLES, lanes, 0).add(acc).intoArray(lanes, 0); // the block's sums join the row's
    }
}
