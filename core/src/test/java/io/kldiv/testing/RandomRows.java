package io.kldiv.testing;

import java.util.SplittableRandom;

/**
 * Seeded random rows shaped like real inputs and their awkward corners: probability rows with exact zeros,
 * tiny and subnormal values, log-probability rows, and logits of any magnitude with −inf masks.
 */
public final class RandomRows {
    private final SplittableRandom random;

    public RandomRows(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public SplittableRandom random() {
        return random;
    }

    /**
     * A probability row of length k summing to 1 (in double), with about {@code zeroFraction} exact zeros and a
     * sprinkling of tiny (1e-30) and subnormal values; never all zero.
     */
    public double[] probabilities(int k, double zeroFraction) {
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            double u = random.nextDouble();
            if (u < zeroFraction) {
                w[i] = 0.0;
            } else if (u < zeroFraction + 0.02) {
                w[i] = 1e-30 * random.nextDouble();
            } else if (u < zeroFraction + 0.03) {
                w[i] = Double.MIN_NORMAL * random.nextDouble();
            } else {
                // Exponential weights: a heavier tail than uniform, like model outputs.
                w[i] = -Math.log(1.0 - random.nextDouble());
            }
        }
        w[random.nextInt(k)] += 1.0;
        return normalize(w);
    }

    /** {@link #probabilities} rounded to float32: the sum stays within float32 rounding of 1. */
    public float[] probabilitiesFloat(int k, double zeroFraction) {
        double[] d = probabilities(k, zeroFraction);
        float[] f = new float[k];
        for (int i = 0; i < k; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** Logits with values spread by {@code magnitude}, about {@code maskFraction} of them −inf (never all). */
    public double[] logits(int k, double magnitude, double maskFraction) {
        double[] a = new double[k];
        for (int i = 0; i < k; i++) {
            a[i] = random.nextDouble() < maskFraction ? Double.NEGATIVE_INFINITY
                    : magnitude * (2.0 * random.nextDouble() - 1.0);
        }
        a[random.nextInt(k)] = magnitude * random.nextDouble();
        return a;
    }

    /** Gaussian noise of the given scale added to every finite value (−inf stays −inf). */
    public double[] perturbed(double[] a, double scale) {
        double[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] += scale * random.nextGaussian();
        }
        return b;
    }

    private static double[] normalize(double[] w) {
        double sum = 0.0;
        for (double v : w) {
            sum += v;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }
}
