package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.FLOATS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Lanewise ln and exp built from exactly specified operations only (add, multiply, fma, divide, compares, bit
 * casts), so a lane's result is the same bits in the interpreter, under C1 and under C2. The Vector API's own
 * {@code lanewise(LOG/EXP)} is not: before C2 compiles a loop it computes {@code Math.log} per lane, after it
 * calls SVML, and the two differ in the last bit often enough that a row's result would depend on when it ran.
 * Both are within about an ulp, relative to the result near ln 1 = 0 too; the reductions follow fdlibm.
 */
final class RepeatableMath {
    private static final double LN2_HI = 6.93147180369123816490e-01; // 32 significant bits: k·LN2_HI is exact
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final long SQRT_HALF_BITS = 0x3fe6a09e667f3bcdL;
    /** 1.5·2^52: adding it rounds a double of magnitude < 2^51 to an integer held in the low bits. */
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = 0x4338000000000000L;
    // fdlibm's minimax coefficients for ln(1+f) = 2·atanh(s), s = f/(2+f).
    private static final double LG1 = 6.666666666666735130e-01;
    private static final double LG2 = 3.999999999940941908e-01;
    private static final double LG3 = 2.857142874366239149e-01;
    private static final double LG4 = 2.222219843214978396e-01;
    private static final double LG5 = 1.818357216161805012e-01;
    private static final double LG6 = 1.531383769920937332e-01;
    private static final double LG7 = 1.479819860511658591e-01;

    // fdlibm's coefficients for e^r on [−ln2/2, ln2/2].
    private static final double P1 = 1.66666666666666019037e-01;
    private static final double P2 = -2.77777777770155933842e-03;
    private static final double P3 = 6.61375632143793436117e-05;
    private static final double P4 = -1.65339022054652515390e-06;
    private static final double P5 = 4.13813679705723846039e-08;

    private static final float LN2_HI_F = 6.9313812256e-01f;
    private static final float LN2_LO_F = 9.0580006145e-06f;
    private static final int SQRT_HALF_BITS_F = 0x3f3504f3;
    private static final float LG1_F = 0.66666662693f;
    private static final float LG2_F = 0.40000972152f;
    private static final float LG3_F = 0.28498786688f;
    private static final float LG4_F = 0.24279078841f;

    private RepeatableMath() {
    }


    /** ln x: −inf at 0, NaN below 0 and for NaN, +inf at +inf; subnormals exact. */
    static DoubleVector log(DoubleVector x) {
        VectorMask<Double> ordinary = x.compare(VectorOperators.GT, 0.0).and(x.compare(VectorOperators.LT, Double.POSITIVE_INFINITY));
        DoubleVector special = x.blend(Double.NaN, x.compare(VectorOperators.LT, 0.0))
                .blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0));
        return special.blend(logOfPositive(x), ordinary);
    }

    // The pieces stay under C2's inlining limit for hot methods (325 bytecodes): a piece that is not inlined
    // passes its vectors boxed, and the loop runs tens of times slower.

    /** x = 2^k·m with m in [√½, √2), so that f = m − 1 is exact and small; ln x = k·ln 2 + ln(1 + f). */
    private static DoubleVector logOfPositive(DoubleVector x) {
        VectorMask<Double> subnormal = x.compare(VectorOperators.LT, Double.MIN_NORMAL);
        LongVector bits = x.blend(x.mul(0x1p54), subnormal).reinterpretAsLongs();
        LongVector k = bits.sub(SQRT_HALF_BITS).lanewise(VectorOperators.ASHR, 52);
        DoubleVector m = bits.sub(k.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
        DoubleVector dk = k.add(ROUNDER_BITS).reinterpretAsDoubles().sub(ROUNDER)
                .sub(DoubleVector.zero(DOUBLES).blend(54.0, subnormal));
        return log1p(m.sub(1.0), dk);
    }

    /** k·ln2_hi − ((hfsq − (s·(hfsq + R) + k·ln2_lo)) − f), fdlibm's arrangement for f in [√½ − 1, √2 − 1]. */
    private static DoubleVector log1p(DoubleVector f, DoubleVector dk) {
        DoubleVector halfSquare = f.mul(f).mul(0.5);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector w = z.mul(z);
        DoubleVector even = w.fma(LG6, LG4).fma(w, DoubleVector.broadcast(DOUBLES, LG2)).mul(w);
        DoubleVector odd = w.fma(LG7, LG5).fma(w, DoubleVector.broadcast(DOUBLES, LG3))
                .fma(w, DoubleVector.broadcast(DOUBLES, LG1)).mul(z);
        DoubleVector r = odd.add(even);
        return dk.mul(LN2_HI).sub(halfSquare.sub(s.mul(halfSquare.add(r)).add(dk.mul(LN2_LO))).sub(f));
    }

    /** ln x of floats, in float lanes (musl's logf reduction and coefficients, about an ulp). */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> ordinary = x.compare(VectorOperators.GT, 0.0f).and(x.compare(VectorOperators.LT, Float.POSITIVE_INFINITY));
        FloatVector special = x.blend(Float.NaN, x.compare(VectorOperators.LT, 0.0f))
                .blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0f));
        return special.blend(logOfPositive(x), ordinary);
    }

    private static FloatVector logOfPositive(FloatVector x) {
        VectorMask<Float> subnormal = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        IntVector bits = x.blend(x.mul(0x1p23f), subnormal).reinterpretAsInts();
        IntVector k = bits.sub(SQRT_HALF_BITS_F).lanewise(VectorOperators.ASHR, 23);
        FloatVector m = bits.sub(k.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
        FloatVector dk = ((FloatVector) k.convert(VectorOperators.I2F, 0))
                .sub(FloatVector.zero(FLOATS).blend(23.0f, subnormal));
        return log1p(m.sub(1.0f), dk);
    }

    /** s·(hfsq + R) + k·ln2_lo − hfsq + f + k·ln2_hi. */
    private static FloatVector log1p(FloatVector f, FloatVector dk) {
        FloatVector halfSquare = f.mul(f).mul(0.5f);
        FloatVector s = f.div(f.add(2.0f));
        FloatVector z = s.mul(s);
        FloatVector w = z.mul(z);
        FloatVector r = w.fma(LG3_F, LG1_F).mul(z).add(w.fma(LG4_F, LG2_F).mul(w));
        return s.mul(halfSquare.add(r)).add(dk.mul(LN2_LO_F)).sub(halfSquare).add(f).add(dk.mul(LN2_HI_F));
    }

    /** e^y: exactly 1 at 0, 0 at −inf (and below about −745), +inf above about 709.8, NaN for NaN. */
    static DoubleVector exp(DoubleVector y) {
        DoubleVector c = y.max(-746.0).min(710.0); // Java max/min: NaN stays NaN
        DoubleVector shifted = c.fma(1.0 / Math.log(2.0), ROUNDER);
        DoubleVector dk = shifted.sub(ROUNDER);
        // y = k·ln2 + r, r in [−ln2/2, ln2/2]: hi − lo with hi exact (fma), as fdlibm splits it.
        DoubleVector hi = dk.fma(DoubleVector.broadcast(DOUBLES, -LN2_HI), c);
        DoubleVector lo = dk.mul(LN2_LO);
        return timesPowerOfTwo(expReduced(hi, lo), shifted.reinterpretAsLongs().sub(ROUNDER_BITS));
    }

    /** e^r for r = hi − lo, fdlibm's rational form: 1 − ((lo − r·c/(2 − c)) − hi), c = r − r²·P(r²). */
    private static DoubleVector expReduced(DoubleVector hi, DoubleVector lo) {
        DoubleVector r = hi.sub(lo);
        DoubleVector t = r.mul(r);
        DoubleVector poly = t.fma(P5, P4).fma(t, DoubleVector.broadcast(DOUBLES, P3))
                .fma(t, DoubleVector.broadcast(DOUBLES, P2)).fma(t, DoubleVector.broadcast(DOUBLES, P1));
        DoubleVector c = r.sub(t.mul(poly));
        DoubleVector ratio = r.mul(c).div(DoubleVector.broadcast(DOUBLES, 2.0).sub(c));
        return DoubleVector.broadcast(DOUBLES, 1.0).sub(lo.sub(ratio).sub(hi));
    }

    /** p·2^k in two exact halves of k, so a subnormal result is rounded once, at the last product. */
    private static DoubleVector timesPowerOfTwo(DoubleVector p, LongVector k) {
        LongVector half = k.lanewise(VectorOperators.ASHR, 1);
        DoubleVector first = half.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector second = k.sub(half).add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(first).mul(second);
    }
}
