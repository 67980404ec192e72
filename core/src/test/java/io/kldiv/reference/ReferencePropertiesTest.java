package io.kldiv.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.InputForm;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.testing.RandomRows;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Identities that hold for any pair of distributions, checked on seeded random rows of many lengths. */
class ReferencePropertiesTest {
    private static final ScoreOptions ALL = ScoreOptions.of(Measure.values());
    private static final double TOL = 1e-12;

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    private static int length(int seed) {
        return new int[] {1, 2, 3, 7, 16, 33, 100, 1000}[seed % 8];
    }

    private static double[] all(double[] p, double[] q) {
        return Reference.score(ALL, p, q);
    }

    private static double at(double[] results, Measure m) {
        return results[m.ordinal()];
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void divergenceOfARowFromItselfIsZero(int seed) {
        double[] p = new RandomRows(seed).probabilities(length(seed), 0.1);
        double[] r = all(p, p);
        for (Measure m : new Measure[] {Measure.KL, Measure.REVERSE_KL, Measure.JEFFREYS, Measure.JS, Measure.JS_DISTANCE}) {
            assertEquals(0.0, at(r, m), 0.0, m.id());
        }
        assertEquals(at(r, Measure.ENTROPY_P), at(r, Measure.CROSS_ENTROPY), TOL);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void identitiesBetweenMeasures(int seed) {
        RandomRows rows = new RandomRows(seed);
        int k = length(seed);
        // q without zeros, so that every measure is finite and the identities are between numbers.
        double[] p = rows.probabilities(k, 0.1);
        double[] q = rows.probabilities(k, 0.0);
        double[] r = all(p, q);
        double kl = at(r, Measure.KL);
        assertTrue(kl >= -TOL, "KL >= 0, got " + kl);
        assertTrue(at(r, Measure.REVERSE_KL) >= -TOL);
        assertEquals(at(r, Measure.ENTROPY_P) + kl, at(r, Measure.CROSS_ENTROPY), TOL * (1 + at(r, Measure.CROSS_ENTROPY)));
        assertEquals(kl + at(r, Measure.REVERSE_KL), at(r, Measure.JEFFREYS), TOL * (1 + at(r, Measure.JEFFREYS)));
        double js = at(r, Measure.JS);
        assertTrue(js >= -TOL && js <= Math.log(2.0) + TOL, "0 <= JS <= ln 2, got " + js);
        assertEquals(js, Math.pow(at(r, Measure.JS_DISTANCE), 2), TOL);
        double[] swapped = all(q, p);
        assertEquals(js, at(swapped, Measure.JS), TOL, "JS is symmetric");
        assertEquals(kl, at(swapped, Measure.REVERSE_KL), 0.0, "reverse KL is KL with the sides swapped");
        assertEquals(at(r, Measure.ENTROPY_Q), at(swapped, Measure.ENTROPY_P), 0.0);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void bitsAreNatsOverLnTwo(int seed) {
        RandomRows rows = new RandomRows(seed);
        int k = length(seed);
        double[] p = rows.probabilities(k, 0.1);
        double[] q = rows.probabilities(k, 0.0);
        double[] nats = all(p, q);
        double[] bits = Reference.score(ALL.withBase(LogBase.BITS), p, q);
        for (Measure m : Measure.values()) {
            double expected = m == Measure.JS_DISTANCE ? nats[m.ordinal()] / Math.sqrt(Math.log(2.0))
                    : nats[m.ordinal()] / Math.log(2.0);
            assertEquals(expected, bits[m.ordinal()], TOL * (1 + Math.abs(expected)), m.id());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void logitsAreInvariantUnderAddingAConstant(int seed) {
        RandomRows rows = new RandomRows(seed);
        int k = length(seed);
        double[] a = rows.logits(k, 20.0, 0.1);
        double[] b = rows.perturbed(a, 0.5);
        double shift = 1000.0 * (rows.random().nextDouble() - 0.5);
        double[] aShifted = a.clone();
        for (int i = 0; i < k; i++) {
            aShifted[i] += shift;
        }
        ScoreOptions logits = ALL.withForms(InputForm.LOGITS);
        double[] r = Reference.score(logits, a, b);
        double[] shifted = Reference.score(logits, aShifted, b);
        for (Measure m : Measure.values()) {
            // Adding 'shift' rounds each logit once: allow that rounding, carried through the softmax.
            double allowed = 1e-12 * Math.abs(shift) * (1 + Math.abs(r[m.ordinal()])) * Math.max(1, Math.log(k));
            assertEquals(r[m.ordinal()], shifted[m.ordinal()], allowed, m.id());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void logProbabilitiesAndProbabilitiesAgree(int seed) {
        RandomRows rows = new RandomRows(seed);
        int k = length(seed);
        double[] p = rows.probabilities(k, 0.1);
        double[] q = rows.probabilities(k, 0.1);
        double[] lnP = new double[k];
        double[] lnQ = new double[k];
        for (int i = 0; i < k; i++) {
            lnP[i] = Math.log(p[i]);
            lnQ[i] = Math.log(q[i]);
        }
        double[] fromProb = all(p, q);
        double[] fromLog = Reference.score(ALL.withForms(InputForm.LOGPROB), lnP, lnQ);
        double[] mixed = Reference.score(ALL.withForms(InputForm.LOGPROB, InputForm.PROB), lnP, q);
        for (Measure m : Measure.values()) {
            double want = fromProb[m.ordinal()];
            double allowed = Double.isFinite(want) ? 1e-13 * (1 + Math.abs(want)) * k : 0.0;
            assertEquals(want, fromLog[m.ordinal()], allowed, m.id());
            assertEquals(want, mixed[m.ordinal()], allowed, m.id());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void temperatureDividesLogitsBeforeTheSoftmax(int seed) {
        RandomRows rows = new RandomRows(seed);
        int k = length(seed);
        double t = 0.25 + 4.0 * rows.random().nextDouble();
        double[] a = rows.logits(k, 5.0, 0.0);
        double[] q = rows.probabilities(k, 0.0);
        // softmax(a / T), computed the naive way: the logits are small enough for exp not to overflow.
        double[] p = new double[k];
        double sum = 0.0;
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp(a[i] / t);
            sum += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        double[] viaLogits = Reference.score(ALL.withForms(InputForm.logits(t), InputForm.PROB), a, q);
        double[] viaProb = all(p, q);
        for (Measure m : Measure.values()) {
            assertEquals(viaProb[m.ordinal()], viaLogits[m.ordinal()], 1e-12 * (1 + Math.abs(viaProb[m.ordinal()])), m.id());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void normalizeRescalesToTheSameResult(int seed) {
        RandomRows rows = new RandomRows(seed);
        int k = length(seed);
        double[] p = rows.probabilities(k, 0.1);
        double[] q = rows.probabilities(k, 0.0);
        double scale = Math.pow(10.0, 6.0 * rows.random().nextDouble() - 3.0);
        double[] pScaled = p.clone();
        double[] qScaled = q.clone();
        for (int i = 0; i < k; i++) {
            pScaled[i] *= scale;
            qScaled[i] *= scale;
        }
        double[] r = all(p, q);
        double[] normalized = Reference.score(ALL.withForms(InputForm.NORMALIZE), pScaled, qScaled);
        for (Measure m : Measure.values()) {
            assertEquals(r[m.ordinal()], normalized[m.ordinal()], 1e-12 * (1 + Math.abs(r[m.ordinal()])), m.id());
        }
    }
}
