package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/** The kernel's own ln, log1p, log ratio, φ's series and exp: within about an ulp of Math's, and right at the edges. */
class RepeatableMathTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(42);

    @Test
    void doubleLogIsWithinAnUlpOrTwo() {
        double worst = 0;
        for (int n = 0; n < 200_000; n++) {
            double x = RANDOM.nextInt(10) == 0 ? Double.MIN_NORMAL * RANDOM.nextDouble()
                    : Math.pow(2.0, RANDOM.nextDouble(-1074, 1023)) * (1 + RANDOM.nextDouble());
            if (n % 3 == 0) {
                x = 1.0 + RANDOM.nextDouble(-1e-3, 1e-3); // near 1, where only a relative error is acceptable
            }
            double got = RepeatableMath.log(DoubleVector.broadcast(DOUBLES, x)).lane(0);
            double want = Math.log(x);
            worst = Math.max(worst, Math.abs(got - want) / Math.ulp(want));
        }
        assertTrue(worst <= 2.0, "worst error " + worst + " ulp");
    }

    @Test
    void log1pIsWithinAnUlpOrTwoOfTheResultEvenForTinyArguments() {
        double worst = 0;
        for (int n = 0; n < 200_000; n++) {
            double r = switch (n % 4) {
                case 0 -> RANDOM.nextDouble(-1e-12, 1e-12);      // where 1 + r would lose r's bits
                case 1 -> RANDOM.nextDouble(-1.0, 1.0);
                case 2 -> Math.pow(2.0, RANDOM.nextDouble(-1074, 1000));
                default -> -1.0 + Math.pow(2.0, RANDOM.nextDouble(-53, 0));
            };
            double got = RepeatableMath.log1p(DoubleVector.broadcast(DOUBLES, r)).lane(0);
            double want = Math.log1p(r);
            worst = Math.max(worst, Math.abs(got - want) / Math.ulp(want));
        }
        assertTrue(worst <= 2.0, "worst error " + worst + " ulp");
        assertEquals(Double.NEGATIVE_INFINITY, RepeatableMath.log1p(DoubleVector.broadcast(DOUBLES, -1.0)).lane(0));
        assertEquals(Double.POSITIVE_INFINITY, RepeatableMath.log1p(DoubleVector.broadcast(DOUBLES, Double.POSITIVE_INFINITY)).lane(0));
        assertEquals(0.0, RepeatableMath.log1p(DoubleVector.zero(DOUBLES)).lane(0), 0.0);
    }

    /** ln(a/b) of float32 values: a − b is exact, so log1p((a − b)/b) rounds twice at most: the truth to an ulp or two. */
    @Test
    void logRatioOfCloseValuesKeepsItsRelativePrecision() {
        double worst = 0;
        for (int n = 0; n < 200_000; n++) {
            float a = (float) Math.pow(2.0, RANDOM.nextDouble(-140, 0));
            float b = (float) (a * (1 + RANDOM.nextDouble(-1e-4, 1e-4) * (n % 2 == 0 ? 1 : 1e-3)));
            double got = RepeatableMath.logRatio(DoubleVector.broadcast(DOUBLES, a), DoubleVector.broadcast(DOUBLES, b)).lane(0);
            double want = Math.log1p(((double) a - b) / b);
            if (want != 0.0) {
                worst = Math.max(worst, Math.abs(got - want) / Math.ulp(want));
            } else {
                assertEquals(0.0, got, 0.0, a + "/" + b);
            }
        }
        assertTrue(worst <= 3.0, "worst error " + worst + " ulp");
    }

    /** Far apart, subnormal, and as far as the double range goes: no quotient is formed, so nothing overflows. */
    @Test
    void logRatioOfDistantValuesAndEdges() {
        double[][] pairs = {{1.0, 1e-300}, {1e-300, 1.0}, {3.0, 0.7}, {Double.MIN_VALUE, 0.5}, {0.5, Double.MIN_VALUE},
                {Float.MIN_VALUE, 0.5}, {1.0, Double.MIN_VALUE}, {3e-320, 2e-320}, {0.5, 0.0}, {0.0, 0.5}};
        for (double[] ab : pairs) {
            double got = RepeatableMath.logRatio(DoubleVector.broadcast(DOUBLES, ab[0]), DoubleVector.broadcast(DOUBLES, ab[1])).lane(0);
            double want = Math.log(ab[0]) - Math.log(ab[1]); // each log within an ulp of itself
            close(want, got, 4 * Math.ulp(Math.abs(Math.log(ab[0])) + Math.abs(Math.log(ab[1]))), "ln " + ab[0] + "/" + ab[1]);
        }
        for (int n = 0; n < 100_000; n++) {
            double a = Math.pow(2.0, RANDOM.nextDouble(-1074, 0));
            double b = Math.pow(2.0, RANDOM.nextDouble(-1074, 0));
            double got = RepeatableMath.logRatio(DoubleVector.broadcast(DOUBLES, a), DoubleVector.broadcast(DOUBLES, b)).lane(0);
            double want = Math.log(a) - Math.log(b); // both logs within an ulp of |ln| ≤ 745
            assertEquals(want, got, 4 * Math.ulp(745.0), "ln " + a + "/" + b);
        }
    }

    /** φ's series d² + d⁴/6 + d⁶/15 + …: against the two logs it replaces, where those have not cancelled yet. */
    @Test
    void phiSeriesMatchesTheLogFormWithinItsRange() {
        for (int n = 0; n < 100_000; n++) {
            double d = RANDOM.nextDouble(-1.0 / 16, 1.0 / 16);
            double z = d * d;
            double got = RepeatableMath.phiSeries(DoubleVector.broadcast(DOUBLES, z)).lane(0);
            double logs = (1 + d) * Math.log1p(d) + (1 - d) * Math.log1p(-d);
            // The log form's first-order parts cancel: its own error is a few ulps of |d|, the series is the precise side.
            assertEquals(logs, got, 8 * Math.ulp(Math.abs(d)) + 4 * Math.ulp(got), "phi " + d);
            double leading = z + z * z / 6 + z * z * z / 15 + z * z * z * z / 28 + z * z * z * z * z / 45;
            assertEquals(leading, got, 1e-13 * leading + Double.MIN_VALUE, "phi " + d); // next term: z⁶/66 ≤ 1.4e-14·z
        }
    }

    @Test
    void expIsWithinAnUlpOrTwo() {
        double worst = 0;
        for (int n = 0; n < 200_000; n++) {
            double y = n % 2 == 0 ? RANDOM.nextDouble(-40, 1) : RANDOM.nextDouble(-708, 709);
            double got = RepeatableMath.exp(DoubleVector.broadcast(DOUBLES, y)).lane(0);
            double want = Math.exp(y);
            worst = Math.max(worst, Math.abs(got - want) / Math.ulp(want));
        }
        assertTrue(worst <= 2.0, "worst error " + worst + " ulp");
    }

    @Test
    void edgesAreExact() {
        double[] logIn = {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, 1.0, Double.MIN_VALUE, Double.MAX_VALUE};
        for (double x : logIn) {
            close(Math.log(x), RepeatableMath.log(DoubleVector.broadcast(DOUBLES, x)).lane(0), Math.ulp(Math.log(x)), "ln " + x);
        }
        double[] expIn = {0.0, Double.NEGATIVE_INFINITY, -745.2, -800, Double.NaN, 709.7, 710, Double.POSITIVE_INFINITY, -744.4};
        for (double y : expIn) {
            close(Math.exp(y), RepeatableMath.exp(DoubleVector.broadcast(DOUBLES, y)).lane(0), Math.ulp(Math.exp(y)), "exp " + y);
        }
        assertEquals(1.0, RepeatableMath.exp(DoubleVector.zero(DOUBLES)).lane(0), 0.0, "exp 0 is exactly 1");
    }

    /** NaN and infinities exactly, finite values within {@code ulps}. */
    private static void close(double want, double got, double ulps, String what) {
        if (Double.isFinite(want)) {
            assertEquals(want, got, ulps, what);
        } else {
            assertEquals(want, got, what);
        }
    }
}
