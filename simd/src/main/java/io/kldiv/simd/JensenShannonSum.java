package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.LANES;

import io.kldiv.kernel.Term;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Σ p·ln(2p/(p+q)) over p > 0 plus Σ q·ln(2q/(p+q)) over q > 0, as the reference takes it: the ratio form keeps a
 * subnormal p from rounding m = (p+q)/2 to 0, so JS stays finite. In double lanes even for float32 columns: a
 * ratio rounded to float is off by ~1e-7 absolutely, too much for rows of near-certain predictions.
 */
final class JensenShannonSum extends TermSum {
    private final double[] p;
    private final double[] q;

    JensenShannonSum(Term term, double[] p, double[] q) {
        super(term);
        this.p = p;
        this.q = q;
    }

    /**
     * The p half, then the q half, each its own loop and method: one loop holding both logarithms grows past
     * what C2 inlines, and a logarithm left out of line boxes its vectors on every step.
     */
    @Override
    void add(int count) {
        addHalf(p, q, count);
        addHalf(q, p, count);
    }

    /** Σ over w > 0 of w·ln(2w/(w + v)). */
    private void addHalf(double[] w, double[] v, int count) {
        DoubleVector acc = DoubleVector.fromArray(DOUBLES, lanes, 0);
        for (int i = 0; i < count; i += LANES) {
            DoubleVector wv = DoubleVector.fromArray(DOUBLES, w, i);
            DoubleVector total = wv.add(DoubleVector.fromArray(DOUBLES, v, i));
            DoubleVector term = wv.mul(RepeatableMath.log(wv.add(wv).div(total)));
            acc = acc.add(term, wv.compare(VectorOperators.GT, 0.0));
        }
        acc.intoArray(lanes, 0);
    }
}
