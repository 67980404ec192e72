package io.kldiv.reference;

/**
 * A running sum with Neumaier's compensation: the rounding error of each addition is kept and added back at the
 * end, so the result is as if summed in twice the precision, whatever the order or the cancellation. The
 * reference needs it to be the truth to 1e-9 relative on rows whose terms cancel down to a tiny divergence.
 */
public final class CompensatedSum {
    private double sum;
    private double compensation;

    public void add(double x) {
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    /** The sum; +inf, −inf or NaN as plain summation would give them. */
    public double value() {
        return Double.isFinite(sum) ? sum + compensation : sum;
    }
}
