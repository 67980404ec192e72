package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Lanewise ln, log ratio and exp built from exactly specified operations only (add, multiply, fma, divide,
 * compares, bit casts), so a lane's result is the same bits in the interpreter, under C1 and under C2. The Vector
 * API's own {@code lanewise(LOG/EXP)} is not: before C2 compiles a loop it computes {@code Math.log} per lane,
 * after it calls SVML, and the two differ in the last bit often enough that a row's result would depend on when
 * it ran.
 *
 * <p>Every log reduces its argument to a ratio u/v in [√½, √2) with u − v exact and ends in {@link #lnOfRatio}:
 * ln(u/v) = 2·atanh(s), s = (u − v)/(u + v), with fdlibm's minimax polynomial. That is one division per log,
 * and a result accurate to a few ulps relative to itself, also next to ln 1 = 0. exp is a polynomial with no
 * division.
 */
final class RepeatableMath {
    private static final double LN2_HI = 6.93147180369123816490e-01; // 32 significant bits: k·LN2_HI is exact
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** A constant field, not an expression in the loop: C2 does not fold Math.log(2.0) and would call it per vector. */
    private static final double INV_LN2 = 1.0 / Math.log(2.0);
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final long SQRT_HALF_BITS = Double.doubleToRawLongBits(SQRT_HALF);
    /**
     * Added before shifting an exponent right so that it is never negative: the shift can then be logical.
     * AVX2 has no 64-bit arithmetic right shift, and the Vector API's fallback for it boxes every vector.
     */
    private static final long EXPONENT_BIAS = 1024L;
    /** 1.5·2^52: adding it rounds a double of magnitude < 2^51 to an integer held in the low bits. */
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = 0x4338000000000000L;
    /** Scales a subnormal into the normal range, exactly. */
    private static final double TWO_54 = 0x1p54;
    // fdlibm's minimax coefficients for ln((1+s)/(1−s)) = 2s + s·R(s²), |s| ≤ 0.1716, error below 2^-58.
    private static final double LG1 = 6.666666666666735130e-01;
    private static final double LG2 = 3.999999999940941908e-01;
    private static final double LG3 = 2.857142874366239149e-01;
    private static final double LG4 = 2.222219843214978396e-01;
    private static final double LG5 = 1.818357216161805012e-01;
    private static final double LG6 = 1.531383769920937332e-01;
    private static final double LG7 = 1.479819860511658591e-01;
    // e^r = Σ r^n/n! to n = 12 is within 2^-52 of e^r on |r| ≤ ln2/2.
    private static final double F2 = 1.0 / 2;
    private static final double F3 = F2 / 3;
    private static final double F4 = F3 / 4;
    private static final double F5 = F4 / 5;
    private static final double F6 = F5 / 6;
    private static final double F7 = F6 / 7;
    private static final double F8 = F7 / 8;
    private static final double F9 = F8 / 9;
    private static final double F10 = F9 / 10;
    private static final double F11 = F10 / 11;
    private static final double F12 = F11 / 12;

    private RepeatableMath() {
    }

    /**
     * k·ln 2 + ln(u/v) from the exact difference u − v and the sum u + v of a ratio u/v in about [√½, √2]:
     * s = (u − v)/(u + v) rounds twice, so the result is within a few ulps of itself; k·ln2_hi is exact.
     */
    private static DoubleVector lnOfRatio(DoubleVector difference, DoubleVector sum, DoubleVector dk) {
        DoubleVector s = difference.div(sum);
        DoubleVector z = s.mul(s);
        DoubleVector r = z.fma(LG7, LG6).fma(z, DoubleVector.broadcast(DOUBLES, LG5))
                .fma(z, DoubleVector.broadcast(DOUBLES, LG4)).fma(z, DoubleVector.broadcast(DOUBLES, LG3))
                .fma(z, DoubleVector.broadcast(DOUBLES, LG2)).fma(z, DoubleVector.broadcast(DOUBLES, LG1)).mul(z);
        return dk.mul(LN2_HI).add(s.add(s).add(s.fma(r, dk.mul(LN2_LO))));
    }

    /** ln x: −inf at 0, NaN below 0 and for NaN, +inf at +inf; subnormals exact. */
    static DoubleVector log(DoubleVector x) {
        VectorMask<Double> ordinary = x.compare(VectorOperators.GT, 0.0).and(x.compare(VectorOperators.LT, Double.POSITIVE_INFINITY));
        DoubleVector special = x.blend(Double.NaN, x.compare(VectorOperators.LT, 0.0))
                .blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0));
        return special.blend(logOfPositive(x), ordinary);
    }

    /** x = 2^k·m with m in [√½, √2), exact; ln x = k·ln 2 + ln(m/1). */
    private static DoubleVector logOfPositive(DoubleVector x) {
        VectorMask<Double> subnormal = x.compare(VectorOperators.LT, Double.MIN_NORMAL);
        LongVector bits = x.blend(x.mul(TWO_54), subnormal).reinterpretAsLongs();
        LongVector k = reducedExponent(bits);
        DoubleVector m = bits.sub(k.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
        DoubleVector dk = toDouble(k).sub(DoubleVector.zero(DOUBLES).blend(54.0, subnormal));
        return lnOfRatio(m.sub(1.0), m.add(1.0), dk);
    }

    /** k such that a positive normal double with these bits is 2^k·m, m in [√½, √2). */
    private static LongVector reducedExponent(LongVector bits) {
        return bits.sub(SQRT_HALF_BITS - (EXPONENT_BIAS << 52)).lanewise(VectorOperators.LSHR, 52).sub(EXPONENT_BIAS);
    }

    /**
     * ln(1 + r) for r ≥ −1 (not NaN): where 1 + r lies in [√½, √2) the ratio is (1 + r)/1, whose difference is r
     * itself, so a tiny r keeps every bit that 1 + r would round away; elsewhere 1 + r is rounded once, which is
     * small next to |ln(1 + r)|.
     */
    static DoubleVector log1p(DoubleVector r) {
        DoubleVector x = r.add(1.0);
        LongVector bits = x.reinterpretAsLongs();
        LongVector k = reducedExponent(bits);
        DoubleVector m = bits.sub(k.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
        DoubleVector dk = toDouble(k);
        // Near 1 the difference is r itself, not (1 + r) − 1, which would lose r's low bits.
        DoubleVector f = m.sub(1.0).blend(r, dk.compare(VectorOperators.EQ, 0.0));
        return lnOfRatio(f, f.add(2.0), dk)
                .blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                .blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0));
    }

    /**
     * ln(a/b) for a ≥ 0 and b ≥ 0, not both 0 (+inf at b = 0, −inf at a = 0), without forming a/b: with hi the
     * larger and lo the smaller, hi is scaled by a power of two to hi' with hi'/lo in [√½, √2), so hi' − lo is
     * exact and ln(hi/lo) = k·ln 2 + ln(hi'/lo). Near a = b it keeps the relative precision of the difference,
     * which is where the divergence of near-identical rows comes from; far apart it cannot overflow.
     */
    static DoubleVector logRatio(DoubleVector a, DoubleVector b) {
        VectorMask<Double> below = a.compare(VectorOperators.LT, b);
        DoubleVector hi = a.blend(b, below);
        DoubleVector lo = b.blend(a, below);
        // A subnormal lo has no exponent field to subtract: scale both into the normal range first (hi ≤ 2^970).
        VectorMask<Double> subnormal = lo.compare(VectorOperators.LT, Double.MIN_NORMAL);
        return logOfOrdered(hi.blend(hi.mul(TWO_54), subnormal), lo.blend(lo.mul(TWO_54), subnormal), lo, below);
    }

    /** {@link #logRatio} for values that are 0 or normal doubles (float32 values widened: never subnormal here). */
    static DoubleVector logRatioOfNormals(DoubleVector a, DoubleVector b) {
        VectorMask<Double> below = a.compare(VectorOperators.LT, b);
        DoubleVector lo = b.blend(a, below);
        return logOfOrdered(a.blend(b, below), lo, lo, below);
    }

    /** ±ln(hi/lo) for normal hi ≥ lo (lo may be 0: +inf); negated where {@code negate}. */
    private static DoubleVector logOfOrdered(DoubleVector hi, DoubleVector lo, DoubleVector unscaledLo, VectorMask<Double> negate) {
        LongVector k = hi.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 52)
                .sub(lo.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 52));
        // hi·2^-k has lo's exponent, so its ratio to lo is in (½, 2); one more halving or doubling brings it to [√½, √2).
        DoubleVector scaled = hi.reinterpretAsLongs().sub(k.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
        VectorMask<Double> high = scaled.compare(VectorOperators.GE, lo.mul(SQRT2));
        VectorMask<Double> low = scaled.compare(VectorOperators.LT, lo.mul(SQRT_HALF));
        DoubleVector u = scaled.blend(scaled.mul(0.5), high).blend(scaled.add(scaled), low);
        DoubleVector dk = toDouble(k).add(DoubleVector.zero(DOUBLES).blend(1.0, high).blend(-1.0, low));
        DoubleVector magnitude = lnOfRatio(u.sub(lo), u.add(lo), dk)
                .blend(Double.POSITIVE_INFINITY, unscaledLo.compare(VectorOperators.EQ, 0.0));
        return magnitude.lanewise(VectorOperators.NEG, negate);
    }

    /** φ(d)'s series Σ d^2n/(n(2n−1)) in z = d², to double precision for z ≤ 1/256 (seven terms). */
    static DoubleVector phiSeries(DoubleVector z) {
        return z.fma(1.0 / 91, 1.0 / 66)
                .fma(z, DoubleVector.broadcast(DOUBLES, 1.0 / 45)).fma(z, DoubleVector.broadcast(DOUBLES, 1.0 / 28))
                .fma(z, DoubleVector.broadcast(DOUBLES, 1.0 / 15)).fma(z, DoubleVector.broadcast(DOUBLES, 1.0 / 6))
                .fma(z, DoubleVector.broadcast(DOUBLES, 1.0)).mul(z);
    }

    /** e^y: exactly 1 at 0, 0 at −inf (and below about −745), +inf above about 709.8, NaN for NaN. */
    static DoubleVector exp(DoubleVector y) {
        DoubleVector c = y.max(-746.0).min(710.0); // Java max/min: NaN stays NaN
        DoubleVector shifted = c.fma(INV_LN2, ROUNDER);
        DoubleVector dk = shifted.sub(ROUNDER);
        // y = k·ln2 + r, |r| ≤ ln2/2: k·ln2_hi is exact, so r is rounded once.
        DoubleVector r = dk.fma(DoubleVector.broadcast(DOUBLES, -LN2_HI), c).sub(dk.mul(LN2_LO));
        return timesPowerOfTwo(expReduced(r), shifted.reinterpretAsLongs().sub(ROUNDER_BITS));
    }

    /** e^r for |r| ≤ ln2/2 by its Taylor polynomial, no division: exactly 1 at r = 0. */
    private static DoubleVector expReduced(DoubleVector r) {
        DoubleVector p = r.fma(F12, F11).fma(r, DoubleVector.broadcast(DOUBLES, F10))
                .fma(r, DoubleVector.broadcast(DOUBLES, F9)).fma(r, DoubleVector.broadcast(DOUBLES, F8))
                .fma(r, DoubleVector.broadcast(DOUBLES, F7)).fma(r, DoubleVector.broadcast(DOUBLES, F6))
                .fma(r, DoubleVector.broadcast(DOUBLES, F5)).fma(r, DoubleVector.broadcast(DOUBLES, F4))
                .fma(r, DoubleVector.broadcast(DOUBLES, F3)).fma(r, DoubleVector.broadcast(DOUBLES, F2));
        return p.fma(r, DoubleVector.broadcast(DOUBLES, 1.0)).fma(r, DoubleVector.broadcast(DOUBLES, 1.0));
    }

    /** p·2^k in two exact halves of k, so a subnormal result is rounded once, at the last product. */
    private static DoubleVector timesPowerOfTwo(DoubleVector p, LongVector k) {
        LongVector half = k.add(2 * EXPONENT_BIAS).lanewise(VectorOperators.LSHR, 1).sub(EXPONENT_BIAS); // ⌊k/2⌋, k ≥ −2048
        DoubleVector first = half.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector second = k.sub(half).add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(first).mul(second);
    }

    /** A long of magnitude below 2^51, as a double, exactly. */
    private static DoubleVector toDouble(LongVector k) {
        return k.add(ROUNDER_BITS).reinterpretAsDoubles().sub(ROUNDER);
    }
}
