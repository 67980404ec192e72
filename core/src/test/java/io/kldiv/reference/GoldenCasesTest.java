package io.kldiv.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.testing.GoldenCases;
import io.kldiv.testing.GoldenCases.Case;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reference against SciPy's values for every case, every measure, in nats and in bits. */
class GoldenCasesTest {
    private static final double RELATIVE = 1e-12;

    static Stream<Case> cases() {
        return GoldenCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void natsMatchScipy(Case c) {
        check(c, LogBase.NATS, c.nats());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bitsMatchScipy(Case c) {
        check(c, LogBase.BITS, c.bits());
    }

    private static void check(Case c, LogBase base, Map<Measure, Double> expected) {
        List<Measure> measures = List.of(Measure.values());
        double[] got = Reference.score(ScoreOptions.of(Measure.values()).withBase(base), c.p(), c.q());
        for (int i = 0; i < measures.size(); i++) {
            Measure m = measures.get(i);
            double want = expected.get(m);
            String what = c.name() + " " + m.id() + " in " + base;
            if (Double.isInfinite(want) || Double.isNaN(want)) {
                assertEquals(want, got[i], what);
            } else {
                assertEquals(want, got[i], RELATIVE * Math.abs(want), what);
            }
        }
    }
}
