package io.kldiv.testing;

import io.kldiv.Dtype;
import io.kldiv.InputForm;

/**
 * Valid rows for each input form and dtype, in the flavours kernels trip over: zeros, tiny and subnormal
 * values (subnormal in the row's own dtype), logits of huge magnitude, −inf masks.
 */
public final class FormRows {
    private final RandomRows random;

    public FormRows(long seed) {
        this.random = new RandomRows(seed);
    }

    public RandomRows random() {
        return random;
    }

    /** A valid row of k values of the form, rounded to dtype (returned widened). */
    public double[] row(InputForm form, Dtype dtype, int k, double zeroFraction) {
        double[] probabilities = probabilities(dtype, k, zeroFraction);
        return switch (form.kind()) {
            case PROB -> probabilities;
            case NORMALIZE -> round(dtype, scaled(probabilities, Math.pow(10.0, 8.0 * random.random().nextDouble() - 4.0)));
            case LOGPROB -> round(dtype, logs(probabilities));
            case LOGITS -> round(dtype, random.logits(k, magnitude(), zeroFraction));
        };
    }

    /** A row close to {@code like}: the same form, values nudged as a quantized model nudges its outputs. */
    public double[] nearby(InputForm form, Dtype dtype, double[] like) {
        return switch (form.kind()) {
            case LOGITS -> round(dtype, random.perturbed(like, 0.05 * (1 + largestFinite(like))));
            default -> row(form, dtype, like.length, 0.1);
        };
    }

    private static double largestFinite(double[] x) {
        double m = 0.0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    private double magnitude() {
        double u = random.random().nextDouble();
        return u < 0.1 ? 1e30 : u < 0.2 ? 1e4 : u < 0.6 ? 20.0 : 3.0;
    }

    private double[] probabilities(Dtype dtype, int k, double zeroFraction) {
        double[] p = random.probabilities(k, zeroFraction);
        if (dtype == Dtype.FLOAT32) {
            for (int i = 0; i < k; i++) {
                // Double subnormals would round to 0 in float32: give float32 rows float32 subnormals instead.
                if (p[i] > 0 && p[i] < Float.MIN_NORMAL) {
                    p[i] = Float.MIN_NORMAL * random.random().nextDouble();
                }
            }
        }
        return round(dtype, p);
    }

    private static double[] scaled(double[] x, double factor) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * factor;
        }
        return y;
    }

    private static double[] logs(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.log(x[i]);
        }
        return y;
    }

    /** Rounds to the dtype's precision (float32 values widened back exactly). */
    public static double[] round(Dtype dtype, double[] x) {
        if (dtype == Dtype.FLOAT32) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) x[i];
            }
        }
        return x;
    }
}
