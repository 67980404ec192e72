package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.LANES;

import io.kldiv.kernel.Term;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Σ p·ln(2p/(p+q)) + q·ln(2q/(p+q)) over the categories. Each category's share is m·φ(d), m = (p+q)/2,
 * d = (p−q)/(p+q), φ(d) = (1+d)ln(1+d) + (1−d)ln(1−d) ≥ 0. Where d² ≤ 1/256 it is taken from φ's series, so the
 * first-order parts of the two logs, which cancel, never appear: JS of near-identical rows keeps its relative
 * precision and its sign however small it is. Elsewhere the two log ratios are taken ({@link
 * RepeatableMath#logRatio}, which keeps 2p/(p+q) from being rounded), in a second pass over only the vectors
 * that hold such a category.
 */
final class JensenShannonSum extends TermSum {
    private static final double SERIES_LIMIT = 1.0 / 256.0;

    private final double[] p;
    private final double[] q;
    /** Where the block's vectors with a far lane start, and how many there are: the second pass visits only those. */
    private final int[] farVectors = new int[DecodedBlock.SIZE / LANES + 1];
    private int farCount;

    JensenShannonSum(Term term, double[] p, double[] q) {
        super(term);
        this.p = p;
        this.q = q;
    }

    @Override
    void add(int count) {
        addNearLoop(count);
        if (farCount > 0) {
            addFarHalfLoop(p, q);
            addFarHalfLoop(q, p);
        }
    }

    /** The categories with d² ≤ 1/256, by the series; notes the vectors that hold any other. */
    private void addNearLoop(int count) {
        double[] p = this.p;
        double[] q = this.q;
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        int[] farVectors = this.farVectors;
        int far = 0;
        for (int i = 0; i < count; i += LANES) {
            DoubleVector pv = DoubleVector.fromArray(DOUBLES, p, i);
            DoubleVector qv = DoubleVector.fromArray(DOUBLES, q, i);
            DoubleVector total = pv.add(qv);
            DoubleVector d = pv.sub(qv).div(total);
            DoubleVector z = d.mul(d);
            VectorMask<Double> near = z.compare(VectorOperators.LE, SERIES_LIMIT); // false where total = 0 (NaN)
            acc = acc.add(total.mul(0.5).mul(RepeatableMath.phiSeries(z)), near);
            if (z.compare(VectorOperators.GT, SERIES_LIMIT).anyTrue()) { // a branch on a count, not on a vector
                farVectors[far++] = i;
            }
        }
        farCount = far;
        DoubleVector.fromArray(DOUBLES, lanes, 0).add(acc).intoArray(lanes, 0); // the block's sums join the row's
    }

    /**
     * The categories with d² > 1/256: w·ln(2w/(w+v)) where w > 0, for one half (w = p, v = q or the other way).
     * Each half is its own loop: one loop holding both log ratios grows past what C2 inlines, and a log ratio
     * left out of line boxes its vectors on every step.
     */
    private void addFarHalfLoop(double[] w, double[] v) {
        int[] farVectors = this.farVectors;
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        for (int n = 0; n < farCount; n++) {
            int i = farVectors[n];
            DoubleVector wv = DoubleVector.fromArray(DOUBLES, w, i);
            DoubleVector vv = DoubleVector.fromArray(DOUBLES, v, i);
            DoubleVector total = wv.add(vv);
            DoubleVector d = wv.sub(vv).div(total);
            VectorMask<Double> far = d.mul(d).compare(VectorOperators.GT, SERIES_LIMIT);
            DoubleVector term = wv.mul(RepeatableMath.logRatio(wv.add(wv), total));
            acc = acc.add(term, far.and(wv.compare(VectorOperators.GT, 0.0)));
        }
        DoubleVector.fromArray(DOUBLES, lanes, 0).add(acc).intoArray(lanes, 0); // the block's sums join the row's
    }
}
