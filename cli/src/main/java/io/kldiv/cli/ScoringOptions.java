package io.kldiv.cli;

import io.kldiv.InputForm;
import io.kldiv.InvalidPolicy;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options of {@code score} that decide what is computed. */
final class ScoringOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--measure", split = ",", paramLabel = "M",
            description = "Measures, comma separated, in output order: kl, reverse-kl, jeffreys, js, js-distance, "
                    + "cross-entropy, entropy-p, entropy-q (default: ${DEFAULT-VALUE}).", defaultValue = "kl")
    List<Measure> measures = new ArrayList<>();

    @Option(names = "--base", paramLabel = "B", defaultValue = "e",
            description = "Logarithm base of the results: e (nats), 2 (bits), 10, or any number > 1 (default: ${DEFAULT-VALUE}).")
    LogBase base;

    @Option(names = "--p-input", paramLabel = "FORM", defaultValue = "prob",
            description = "How p's values encode it: prob, normalize, logprob or logits (default: ${DEFAULT-VALUE}).")
    String pInput;

    @Option(names = "--q-input", paramLabel = "FORM", defaultValue = "prob",
            description = "How q's values encode it: prob, normalize, logprob or logits (default: ${DEFAULT-VALUE}).")
    String qInput;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1",
            description = "Softmax temperature for logits input: p = softmax(a / T), T > 0 (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--on-invalid", paramLabel = "POLICY", defaultValue = "error",
            description = "What an invalid row does: error (stop, publish nothing), nan (NaN results, counted) "
                    + "or skip (left out of results and statistics, counted) (default: ${DEFAULT-VALUE}).")
    InvalidPolicy onInvalid;

    @Option(names = "--sum-tolerance", paramLabel = "TOL",
            description = "How far a prob row's sum may stray from 1 (a logprob row's logsumexp from 0) "
                    + "(default: 1e-4 for float32, 1e-9 for float64).")
    Double sumTolerance;

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

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
