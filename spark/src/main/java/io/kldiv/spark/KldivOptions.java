package io.kldiv.spark;

import io.kldiv.Dtype;
import io.kldiv.InputForm;
import io.kldiv.InvalidPolicy;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The options of a Spark call, kept as the strings the user gave (core's option records are not serializable) and
 * parsed once, eagerly, so a typo fails on the driver rather than in a task.
 *
 * <p>Keys: {@code p_input}, {@code q_input} (or {@code input} for both): prob, normalize, logprob, logits;
 * {@code temperature}; {@code base}: e, bits, 2, 10, …; {@code on_invalid}: error, nan, skip; {@code sum_tolerance};
 * {@code dtype}: float32 (default) or float64, how {@code binary} columns are read; {@code exact_percentiles_up_to}:
 * the most rows whose percentiles {@link KldivSpark#summarize} computes exactly (default 10,000,000).
 */
public final class KldivOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Set<String> KEYS = Set.of("p_input", "q_input", "input", "temperature", "base", "on_invalid",
            "sum_tolerance", "dtype", "exact_percentiles_up_to");
    static final long DEFAULT_EXACT_PERCENTILES_UP_TO = 10_000_000L;

    @SuppressWarnings("serial") // List.copyOf's lists are serializable
    private final List<String> measureNames;
    private final TreeMap<String, String> options;
    private transient ScoreOptions scoreOptions;

    private KldivOptions(List<String> measureNames, Map<String, String> options) {
        this.measureNames = List.copyOf(measureNames);
        this.options = new TreeMap<>(options);
        for (String key : this.options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown kldiv option '" + key + "'; known: " + new TreeSet<>(KEYS));
            }
        }
        scoreOptions(); // fail on the driver
        Dtype.byId(options.getOrDefault("dtype", "float32"));
        exactPercentilesUpTo();
    }

    /**
     * @param measures measure names separated by commas, with - or _ ({@code kl,reverse_kl,js})
     * @param options  the keys above; null for none
     */
    public static KldivOptions of(String measures, Map<String, String> options) {
        List<String> names = new ArrayList<>();
        for (String m : measures.split(",")) {
            if (!m.isBlank()) {
                names.add(m.trim().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }
        return new KldivOptions(names, options == null ? Map.of() : options);
    }

    public ScoreOptions scoreOptions() {
        if (scoreOptions == null) {
            List<Measure> measures = new ArrayList<>();
            for (String name : measureNames) {
                measures.add(Measure.byId(name));
            }
            double t = Double.parseDouble(options.getOrDefault("temperature", "1"));
            String both = options.getOrDefault("input", "prob");
            scoreOptions = new ScoreOptions(measures, LogBase.parse(options.getOrDefault("base", "e")),
                    InputForm.parse(options.getOrDefault("p_input", both), t),
                    InputForm.parse(options.getOrDefault("q_input", both), t),
                    InvalidPolicy.byId(options.getOrDefault("on_invalid", "error")),
                    Double.parseDouble(options.getOrDefault("sum_tolerance", "NaN")));
        }
        return scoreOptions;
    }

    /** The element type of {@code binary} columns. */
    public Dtype binaryDtype() {
        return Dtype.byId(options.getOrDefault("dtype", "float32"));
    }

    public long exactPercentilesUpTo() {
        long n = Long.parseLong(options.getOrDefault("exact_percentiles_up_to",
                Long.toString(DEFAULT_EXACT_PERCENTILES_UP_TO)));
        if (n < 0) {
            throw new IllegalArgumentException("exact_percentiles_up_to must be >= 0, got " + n);
        }
        return n;
    }

    /** Result column names: the measures' names with _ for - ({@code reverse_kl}), valid SQL identifiers. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (Measure m : scoreOptions().measures()) {
            names.add(m.id().replace('-', '_'));
        }
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KldivOptions other && measureNames.equals(other.measureNames) && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return measureNames.hashCode() * 31 + options.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", measureNames) + (options.isEmpty() ? "" : " " + options);
    }
}
