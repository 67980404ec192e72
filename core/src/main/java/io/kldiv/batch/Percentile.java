package io.kldiv.batch;

import java.util.List;

/** The percentiles every measure summary reports, with the names they carry in reports and JSON. */
public enum Percentile {
    P0_1(0.001, "p0_1"),
    P1(0.01, "p1"),
    P5(0.05, "p5"),
    P10(0.10, "p10"),
    P25(0.25, "p25"),
    MEDIAN(0.50, "median"),
    P75(0.75, "p75"),
    P90(0.90, "p90"),
    P95(0.95, "p95"),
    P99(0.99, "p99"),
    P99_9(0.999, "p99_9");

    private final double fraction;
    private final String key;

    Percentile(double fraction, String key) {
        this.fraction = fraction;
        this.key = key;
    }

    /** The fraction in [0, 1], e.g. 0.999. */
    public double fraction() {
        return fraction;
    }

    /** The name in reports, e.g. {@code p99_9}. */
    public String key() {
        return key;
    }

    public static List<Percentile> all() {
        return List.of(values());
    }
}
