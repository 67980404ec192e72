package io.kldiv.cli;

import io.kldiv.InputForm;
import io.kldiv.InvalidPolicy;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import java.util.ArrayList;
import java.util.List;

/** The options of {@code score} that decide what is computed. */
final class ScoringOptions {
    static final Option MEASURE = Option.valued("--measure", "M", "Measures, comma separated, in output order: kl, reverse-kl, "
            + "jeffreys, js, js-distance, cross-entropy, entropy-p, entropy-q (default: ${DEFAULT}).")
            .commaSeparated().withDefault("kl");
    static final Option BASE = Option.valued("--base", "B",
            "Logarithm base of the results: e (nats), 2 (bits), 10, or any number > 1 (default: ${DEFAULT}).").withDefault("e");
    static final Option P_INPUT = Option.valued("--p-input", "FORM",
            "How p's values encode it: prob, normalize, logprob or logits (default: ${DEFAULT}).").withDefault("prob");
    static final Option Q_INPUT = Option.valued("--q-input", "FORM",
            "How q's values encode it: prob, normalize, logprob or logits (default: ${DEFAULT}).").withDefault("prob");
    static final Option TEMPERATURE = Option.valued("--temperature", "T",
            "Softmax temperature for logits input: p = softmax(a / T), T > 0 (default: ${DEFAULT}).").withDefault("1");
    static final Option ON_INVALID = Option.valued("--on-invalid", "POLICY", "What an invalid row does: error (stop, publish "
            + "nothing), nan (NaN results, counted) or skip (left out of results and statistics, counted) (default: ${DEFAULT}).")
            .withDefault("error");
    static final Option SUM_TOLERANCE = Option.valued("--sum-tolerance", "TOL", "How far a prob row's sum may stray from 1 "
            + "(a logprob row's logsumexp from 0) (default: 1e-4 for float32, 1e-9 for float64).");
    /** In help order. */
    static final Option[] OPTIONS = {MEASURE, BASE, P_INPUT, Q_INPUT, TEMPERATURE, ON_INVALID, SUM_TOLERANCE};

    List<Measure> measures = new ArrayList<>();
    LogBase base;
    String pInput;
    String qInput;
    double temperature;
    InvalidPolicy onInvalid;
    Double sumTolerance;

    /** Converts the values; a name the library does not know is a usage error with the library's message. */
    void take(ParsedArgs args) {
        for (String id : args.list(MEASURE)) {
            try {
                measures.add(Measure.byId(id));
            } catch (IllegalArgumentException e) {
                throw UsageException.invalidValue(MEASURE, e.getMessage());
            }
        }
        try {
            base = LogBase.parse(args.value(BASE));
        } catch (IllegalArgumentException e) {
            throw UsageException.invalidValue(BASE, e.getMessage());
        }
        pInput = args.value(P_INPUT);
        qInput = args.value(Q_INPUT);
        temperature = args.doubleValue(TEMPERATURE);
        try {
            onInvalid = InvalidPolicy.byId(args.value(ON_INVALID));
        } catch (IllegalArgumentException e) {
            throw UsageException.invalidValue(ON_INVALID, e.getMessage());
        }
        sumTolerance = args.doubleValue(SUM_TOLERANCE);
    }

    /** The options as the library takes them; bad combinations are usage errors. */
    ScoreOptions toScoreOptions() {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw usage("--temperature must be a finite number > 0, got " + temperature);
        }
        InputForm p = form("--p-input", pInput);
        InputForm q = form("--q-input", qInput);
        if (temperature != 1.0 && p.kind() != InputForm.Kind.LOGITS && q.kind() != InputForm.Kind.LOGITS) {
            throw usage("--temperature applies to logits input only; neither --p-input nor --q-input is logits");
        }
        if (sumTolerance != null && !(sumTolerance >= 0 && sumTolerance < 1)) {
            throw usage("--sum-tolerance must be in [0, 1), got " + sumTolerance);
        }
        if (measures.stream().distinct().count() != measures.size()) {
            throw usage("--measure lists a measure twice: " + measures);
        }
        return new ScoreOptions(measures, base, p, q, onInvalid, sumTolerance == null ? Double.NaN : sumTolerance);
    }

    private InputForm form(String option, String name) {
        try {
            return InputForm.parse(name, temperature);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private static UsageException usage(String message) {
        return new UsageException(message);
    }
}
