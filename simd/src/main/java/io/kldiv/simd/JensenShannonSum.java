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

    @Override
    void add(int count) {
        double[] p = this.p;
        double[] q = this.q;
        DoubleVector acc = DoubleVector.fromArray(DOUBLES, lanes, 0);
        for (int i = 0; i < count; i += LANES) {
            DoubleVector pv = DoubleVector.fromArray(DOUBLES, p, i);
            DoubleVector qv = DoubleVector.fromArray(DOUBLES, q, i);
            DoubleVector total = pv.add(qv);
            DoubleVector fromP = pv.mul(RepeatableMath.log(pv.add(pv).div(total)));
            DoubleVector fromQ = qv.mul(RepeatableMath.log(qv.add(qv).div(total)));
            acc = acc.add(fromP, pv.compare(VectorOperators.GT, 0.0)).add(fromQ, qv.compare(VectorOperators.GT, 0.0));
        }
        acc.intoArray(lanes, 0);
    }
}
