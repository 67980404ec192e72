package io.kldiv.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.InputForm;
import io.kldiv.InvalidReason;
import io.kldiv.InvalidRowException;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import org.junit.jupiter.api.Test;

/** One test per way a row can break its input form: the reason, the side, the category and the message. */
class ValidationTest {
    private static final double[] GOOD = {0.25, 0.25, 0.5};
    private static final ScoreOptions KL = ScoreOptions.of(Measure.KL);

    private static InvalidRowException rejected(ScoreOptions options, double[] p, double[] q) {
        return assertThrows(InvalidRowException.class, () -> Reference.score(options, p, q));
    }

    private static void assertNames(InvalidRowException e, InvalidReason reason, String side, long category) {
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(side, e.side(), e.getMessage());
        assertEquals(category, e.category(), e.getMessage());
        assertTrue(e.getMessage().contains(reason.description()), e.getMessage());
        if (category >= 0) {
            assertTrue(e.getMessage().contains("category " + category), e.getMessage());
        }
    }

    @Test
    void nanProbability() {
        var e = rejected(KL, GOOD, new double[] {0.25, Double.NaN, 0.75});
        assertNames(e, InvalidReason.NAN, "q", 1);
        assertEquals("q category 1: value is NaN", e.getMessage());
    }

    @Test
    void negativeProbability() {
        var e = rejected(KL, new double[] {0.5, 0.75, -0.25}, GOOD);
        assertNames(e, InvalidReason.NEGATIVE, "p", 2);
        assertTrue(e.getMessage().contains("-0.25"), e.getMessage());
    }

    @Test
    void positiveInfiniteProbability() {
        assertNames(rejected(KL, new double[] {Double.POSITIVE_INFINITY, 0, 0}, GOOD), InvalidReason.POSITIVE_INFINITY, "p", 0);
    }

    @Test
    void negativeInfiniteProbability() {
        assertNames(rejected(KL, GOOD, new double[] {0.5, Double.NEGATIVE_INFINITY, 0.5}), InvalidReason.NEGATIVE_INFINITY, "q", 1);
    }

    @Test
    void rowThatDoesNotSumToOne() {
        var e = rejected(KL, new double[] {0.25, 0.25, 0.25}, GOOD);
        assertNames(e, InvalidReason.SUM_NOT_ONE, "p", InvalidRowException.WHOLE_ROW);
        assertTrue(e.getMessage().contains("sum 0.75"), e.getMessage());
    }

    @Test
    void sumToleranceFollowsTheDtypeAndTheOption() {
        double[] off = {0.25, 0.25, 0.5 + 5e-5};
        float[] offFloat = {0.25f, 0.25f, 0.5f + 5e-5f};
        float[] goodFloat = {0.25f, 0.25f, 0.5f};
        // 5e-5 is inside float32's default 1e-4 but far outside float64's 1e-9.
        assertEquals(1, Reference.score(KL, offFloat, goodFloat).length);
        assertNames(rejected(KL, off, GOOD), InvalidReason.SUM_NOT_ONE, "p", InvalidRowException.WHOLE_ROW);
        assertEquals(1, Reference.score(KL.withSumTolerance(1e-4), off, GOOD).length);
        var strict = assertThrows(InvalidRowException.class,
                () -> Reference.score(KL.withSumTolerance(1e-6), offFloat, goodFloat));
        assertEquals(InvalidReason.SUM_NOT_ONE, strict.reason());
    }

    @Test
    void normalizeNeedsAPositiveFiniteSum() {
        ScoreOptions normalize = KL.withForms(InputForm.NORMALIZE);
        assertNames(rejected(normalize, new double[] {0, 0, 0}, GOOD), InvalidReason.SUM_NOT_POSITIVE, "p",
                InvalidRowException.WHOLE_ROW);
        assertNames(rejected(normalize, GOOD, new double[] {Double.MAX_VALUE, Double.MAX_VALUE, 0}),
                InvalidReason.SUM_NOT_POSITIVE, "q", InvalidRowException.WHOLE_ROW);
        assertNames(rejected(normalize, new double[] {1, -1, 1}, GOOD), InvalidReason.NEGATIVE, "p", 1);
        // A row summing to 4 is fine once rescaled: KL((1,1,2)/4 ‖ GOOD) = 0.
        assertEquals(0.0, Reference.score(normalize, new double[] {1, 1, 2}, GOOD)[0], 0.0);
    }

    @Test
    void nanLogProbability() {
        ScoreOptions log = KL.withForms(InputForm.LOGPROB);
        assertNames(rejected(log, new double[] {Double.NaN, 0, 0}, new double[] {0, 0, 0}), InvalidReason.NAN, "p", 0);
    }

    @Test
    void positiveInfiniteLogProbability() {
        ScoreOptions log = KL.withForms(InputForm.LOGPROB);
        double ln4 = Math.log(0.25);
        double[] good = {ln4, ln4, Math.log(0.5)};
        assertNames(rejected(log, good, new double[] {ln4, Double.POSITIVE_INFINITY, ln4}),
                InvalidReason.POSITIVE_INFINITY, "q", 1);
    }

    @Test
    void logProbabilityRowWhoseLogSumExpIsNotZero() {
        ScoreOptions log = KL.withForms(InputForm.LOGPROB);
        double ln4 = Math.log(0.25);
        double[] good = {ln4, ln4, Math.log(0.5)};
        var e = rejected(log, good, new double[] {ln4, ln4, ln4});
        assertNames(e, InvalidReason.LOGSUMEXP_NOT_ZERO, "q", InvalidRowException.WHOLE_ROW);
        // −inf is probability 0, not an error, as long as the rest sums to 1.
        double[] masked = {Math.log(0.5), Double.NEGATIVE_INFINITY, Math.log(0.5)};
        assertEquals(Double.POSITIVE_INFINITY,
                Reference.score(ScoreOptions.of(Measure.REVERSE_KL).withForms(InputForm.LOGPROB), masked, good)[0]);
    }

    @Test
    void logitsRowOfOnlyMasks() {
        ScoreOptions logits = KL.withForms(InputForm.LOGITS);
        double inf = Double.NEGATIVE_INFINITY;
        assertNames(rejected(logits, new double[] {1, 2, 3}, new double[] {inf, inf, inf}), InvalidReason.ALL_MASKED,
                "q", InvalidRowException.WHOLE_ROW);
    }

    @Test
    void nanOrPositiveInfiniteLogit() {
        ScoreOptions logits = KL.withForms(InputForm.LOGITS);
        assertNames(rejected(logits, new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3}), InvalidReason.NAN, "p", 1);
        assertNames(rejected(logits, new double[] {1, 2, 3}, new double[] {1, 2, Double.POSITIVE_INFINITY}),
                InvalidReason.POSITIVE_INFINITY, "q", 2);
    }

    @Test
    void rowsOfDifferentLengths() {
        var e = rejected(KL, GOOD, new double[] {0.5, 0.5});
        assertEquals(InvalidReason.LENGTH_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("p has 3 categories, q has 2"), e.getMessage());
    }

    @Test
    void locationIsAddedToTheMessage() {
        var e = rejected(KL, GOOD, new double[] {0.25, Double.NaN, 0.75}).at("q.npy", 17);
        assertEquals("q.npy: row 17: q category 1: value is NaN", e.getMessage());
        assertEquals(17, e.row());
        assertEquals(InvalidReason.NAN, e.reason());
    }

    @Test
    void optionsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> InputForm.logits(0.0));
        assertThrows(IllegalArgumentException.class, () -> InputForm.logits(-1.0));
        assertThrows(IllegalArgumentException.class, () -> io.kldiv.LogBase.parse("1"));
        assertThrows(IllegalArgumentException.class, () -> io.kldiv.LogBase.parse("0.5"));
        assertThrows(IllegalArgumentException.class, () -> Measure.byId("kl-divergence"));
        assertEquals(Measure.REVERSE_KL, Measure.byId("reverse-kl"));
        assertThrows(IllegalArgumentException.class, () -> ScoreOptions.of(Measure.KL, Measure.KL));
    }
}
