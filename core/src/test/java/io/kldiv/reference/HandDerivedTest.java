package io.kldiv.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kldiv.InputForm;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import org.junit.jupiter.api.Test;

/** Values worked out by hand from the definitions, independent of SciPy and of the code under test. */
class HandDerivedTest {
    private static final double LOG2_9 = Math.log(9.0) / Math.log(2.0);

    private static double bits(Measure m, double[] p, double[] q) {
        return Reference.score(ScoreOptions.of(m).withBase(LogBase.BITS), p, q)[0];
    }

    @Test
    void rainOrSunInBits() {
        double[] seattle = {0.9, 0.1};
        double[] sahara = {0.1, 0.9};
        // KL = 0.9·log2(9) + 0.1·log2(1/9) = 0.8·log2 9 ≈ 2.536 bits
        assertEquals(0.8 * LOG2_9, bits(Measure.KL, seattle, sahara), 1e-14);
        assertEquals(2.536, bits(Measure.KL, seattle, sahara), 5e-4);
        // H(p, q) = −0.9·log2 0.1 − 0.1·log2 0.9 ≈ 3.005 bits
        double crossEntropy = -0.9 * Math.log(0.1) / Math.log(2) - 0.1 * Math.log(0.9) / Math.log(2);
        assertEquals(crossEntropy, bits(Measure.CROSS_ENTROPY, seattle, sahara), 1e-14);
        assertEquals(3.005, bits(Measure.CROSS_ENTROPY, seattle, sahara), 5e-4);
        // H(p) = −0.9·log2 0.9 − 0.1·log2 0.1 ≈ 0.469 bits
        assertEquals(0.469, bits(Measure.ENTROPY_P, seattle, sahara), 5e-4);
        // The pair is a mirror image: both directions agree, Jeffreys doubles.
        assertEquals(0.8 * LOG2_9, bits(Measure.REVERSE_KL, seattle, sahara), 1e-14);
        assertEquals(1.6 * LOG2_9, bits(Measure.JEFFREYS, seattle, sahara), 1e-14);
    }

    @Test
    void oneHotAgainstUniformIsLogK() {
        int k = 8;
        double[] oneHot = new double[k];
        oneHot[3] = 1.0;
        double[] uniform = new double[k];
        java.util.Arrays.fill(uniform, 1.0 / k);
        assertEquals(3.0, bits(Measure.KL, oneHot, uniform), 1e-15);
        assertEquals(3.0, bits(Measure.ENTROPY_Q, oneHot, uniform), 1e-15);
        assertEquals(0.0, bits(Measure.ENTROPY_P, oneHot, uniform), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, bits(Measure.REVERSE_KL, oneHot, uniform));
    }

    @Test
    void disjointSupportsHaveJensenShannonOfOneBit() {
        double[] p = {0.5, 0.5, 0.0, 0.0};
        double[] q = {0.0, 0.0, 0.25, 0.75};
        assertEquals(1.0, bits(Measure.JS, p, q), 1e-15);
        assertEquals(1.0, bits(Measure.JS_DISTANCE, p, q), 1e-15);
        assertEquals(Math.log(2.0), Reference.score(ScoreOptions.of(Measure.JS), p, q)[0], 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, bits(Measure.KL, p, q));
    }

    @Test
    void baseTenDividesByLnTen() {
        double[] p = {0.9, 0.1};
        double[] q = {0.1, 0.9};
        double nats = 0.8 * Math.log(9.0);
        double got = Reference.score(ScoreOptions.of(Measure.KL).withBase(LogBase.parse("10")), p, q)[0];
        assertEquals(0.8 * Math.log10(9.0), got, 1e-15);
        assertEquals(nats / Math.log(10.0), got, 1e-15);
    }

    @Test
    void logitsAtTemperatureTwo() {
        // softmax((0, ln 9) / 2) = (1, 3) / 4
        double[] logits = {0.0, Math.log(9.0)};
        double[] expected = {0.25, 0.75};
        ScoreOptions ce = ScoreOptions.of(Measure.ENTROPY_P).withForms(InputForm.logits(2.0), InputForm.PROB);
        double h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
        assertEquals(h, Reference.score(ce, logits, expected)[0], 1e-15);
        ScoreOptions kl = ScoreOptions.of(Measure.KL).withForms(InputForm.logits(2.0), InputForm.PROB);
        assertEquals(0.0, Reference.score(kl, logits, expected)[0], 1e-15);
    }

    @Test
    void hugeLogitsDoNotOverflow() {
        // A gap of 2e30 puts all the mass on the first category; computed naively, exp(1e30) would overflow.
        double[] a = {1e30, -1e30, Double.NEGATIVE_INFINITY};
        double[] q = {1.0, 0.0, 0.0};
        ScoreOptions all = ScoreOptions.of(Measure.KL, Measure.ENTROPY_P).withForms(InputForm.LOGITS, InputForm.PROB);
        double[] r = Reference.score(all, a, q);
        assertEquals(0.0, r[0], 0.0);
        assertEquals(0.0, r[1], 0.0);
    }
}
