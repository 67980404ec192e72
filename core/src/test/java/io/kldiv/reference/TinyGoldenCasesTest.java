package io.kldiv.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.testing.TinyGoldenCases;
import io.kldiv.testing.TinyGoldenCases.Case;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference is the truth to the contract's precision: within |r − t| ≤ 1e-9·|t| + 1e-13·S of mpmath's 40-digit
 * values on near-identical rows, where the plain-double formulas it used before were off by up to 175 %.
 */
class TinyGoldenCasesTest {

    static Stream<Case> cases() {
        return TinyGoldenCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void meetsTheBoundAgainstMpmath(Case c) {
        List<Measure> measures = List.of(Measure.values());
        double[] got = Reference.score(ScoreOptions.of(Measure.values()).withForms(c.form()), c.p(), c.q(), c.dtype());
        for (int i = 0; i < measures.size(); i++) {
            Measure m = measures.get(i);
            double truth = c.truth().get(m);
            double r = got[i];
            double allowed = AccuracyBound.allowedError(truth, c.scale().get(m));
            assertTrue(AccuracyBound.accepts(truth, r, allowed), () -> String.format(
                    "%s %s: reference %s, truth %s, |error| %.3g > allowed %.3g", c, m.id(), r, truth,
                    Math.abs(r - truth), allowed));
        }
    }

    /** Stricter than the bound where it is cheap to be: a divergence whose truth is > 0 never comes out < 0. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void divergencesOfNearIdenticalRowsAreNotNegative(Case c) {
        ScoreOptions options = ScoreOptions.of(Measure.JS, Measure.JS_DISTANCE).withForms(c.form());
        double[] got = Reference.score(options, c.p(), c.q(), c.dtype());
        assertTrue(got[0] >= 0.0 && got[1] >= 0.0, c + ": js " + got[0] + ", js-distance " + got[1]);
    }
}
