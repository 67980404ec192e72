package io.kldiv.testing;

import io.kldiv.Dtype;
import io.kldiv.HalfFloats;
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
            // float16 tops out at 65504: its logits stay below that instead of overflowing to inf.
            case LOGITS -> round(dtype, random.logits(k, dtype == Dtype.FLOAT16 ? Math.min(magnitude(), 1e4)
                    : magnitude(), zeroFraction));
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
        // Values too small for a narrower type would round to 0: give its rows its own subnormals instead.
        double smallest = switch (dtype) {
            case FLOAT32, BFLOAT16 -> Float.MIN_NORMAL; // bfloat16 has float32's exponent range
            case FLOAT16 -> 0x1p-24; // its smallest subnormal
            case FLOAT64 -> 0.0;
        };
        for (int i = 0; i < k; i++) {
            if (p[i] > 0 && p[i] < smallest) {
                p[i] = smallest * random.random().nextDouble();
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

    /** Rounds to the dtype's precision (float32 and half values widened back exactly). */
    public static double[] round(Dtype dtype, double[] x) {
        if (dtype == Dtype.FLOAT32) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) x[i];
            }
        } else if (dtype.isHalf()) {
            for (int i = 0; i < x.length; i++) {
                x[i] = HalfFloats.toFloat(HalfFloats.fromFloat((float) x[i], dtype), dtype);
            }
        }
        return x;
    }
}
