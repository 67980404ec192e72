package io.kldiv.batch;

/**
 * Count, mean and sum of squared deviations of finite values (Welford's update; Chan et al.'s merge), which
 * stay accurate where Σx² − (Σx)²/n would cancel.
 */
final class Moments implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    long count;
    double mean;
    double m2;

    void add(double x) {
        count++;
        double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
    }

    void merge(Moments other) {
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            count = other.count;
            mean = other.mean;
            m2 = other.m2;
            return;
        }
        long n = count + other.count;
        double delta = other.mean - mean;
        mean += delta * other.count / n;
        m2 += other.m2 + delta * delta * ((double) count * other.count / n);
        count = n;
    }

    /** The standard error of the mean, s/√n with the sample variance; NaN below two values. */
    double standardError() {
        return count < 2 ? Double.NaN : Math.sqrt(m2 / (count - 1) / count);
    }
}
