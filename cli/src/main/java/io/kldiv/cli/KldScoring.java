package io.kldiv.cli;

import io.kldiv.InputForm;
import io.kldiv.ScoreOptions;
import io.kldiv.llama.KldFile;
import java.nio.file.Path;

/**
 * {@code score} on two llama.cpp KL-divergence base files ({@code --p fp16.kld --q q4.kld}): how they are told
 * from other inputs, and the options they are scored with.
 */
final class KldScoring {
    private KldScoring() {
    }

    /** True when either argument is a base file ({@link KldFile#recognizes}); the other must then be one too. */
    static boolean isPair(Path p, Path q) {
        return KldFile.recognizes(p) || KldFile.recognizes(q);
    }

    /**
     * The options a pair of base files is scored with. The files hold log-probabilities, so both sides are
     * {@code logprob}: asking for {@code logits} or {@code normalize} is a usage error ({@code prob}, the default,
     * cannot be told from an option left out and is replaced). Rows reach the kernel renormalized (KldPair), so it
     * checks them with float64's default tolerance; a {@code --sum-tolerance} goes to the decoder instead, where it
     * widens the band of logsumexp a stored row may have.
     *
     * @throws UsageException for a form other than prob or logprob
     */
    static ScoreOptions options(ScoreOptions requested) {
        check("--p-input", requested.pForm());
        check("--q-input", requested.qForm());
        return requested.withForms(InputForm.LOGPROB).withSumTolerance(Double.NaN);
    }

    private static void check(String option, InputForm form) {
        if (form.kind() != InputForm.Kind.PROB && form.kind() != InputForm.Kind.LOGPROB) {
            throw new UsageException(option + " " + form + " does not apply to llama.cpp .kld files: they hold "
                    + "log-probabilities, and both sides are scored as logprob");
        }
    }
}
