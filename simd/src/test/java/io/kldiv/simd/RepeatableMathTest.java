package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.FLOATS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The kernel's own ln and exp: within about an ulp of Math's, and right at the edges. */
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
    void floatLogIsWithinAFewFloatUlps() {
        double worst = 0;
        for (int n = 0; n < 200_000; n++) {
            float x = RANDOM.nextInt(10) == 0 ? (float) (Float.MIN_NORMAL * RANDOM.nextDouble())
                    : (float) (Math.pow(2.0, RANDOM.nextDouble(-149, 127)) * (1 + RANDOM.nextDouble()));
            if (n % 3 == 0) {
                x = (float) (1.0 + RANDOM.nextDouble(-1e-2, 1e-2));
            }
            if (x == 0.0f || Float.isInfinite(x)) {
                continue;
            }
            double got = RepeatableMath.log(FloatVector.broadcast(FLOATS, x)).lane(0);
            double want = Math.log(x);
            worst = Math.max(worst, Math.abs(got - want) / Math.ulp((float) want));
        }
        assertTrue(worst <= 3.0, "worst error " + worst + " float ulp");
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
            float f = (float) x;
            close(Math.log(f), RepeatableMath.log(FloatVector.broadcast(FLOATS, f)).lane(0), 2 * Math.ulp((float) Math.log(f)), "float ln " + f);
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
