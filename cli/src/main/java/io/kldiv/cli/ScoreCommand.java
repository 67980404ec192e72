package io.kldiv.cli;

import io.kldiv.InvalidPolicy;
import io.kldiv.InvalidRowException;
import io.kldiv.ScoreOptions;
import io.kldiv.batch.BatchResult;
import io.kldiv.batch.BatchScorer;
import io.kldiv.batch.BatchSummary;
import io.kldiv.io.AtomicOutput;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.Kernels;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scores every row of a store file, or of two .npy files or safetensors tensors (p and q, same shape), "
                + "prints a summary, and optionally writes per-row results and a JSON summary.",
            "Outputs are published atomically: on any error none is left behind and existing files are untouched."})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--store", paramLabel = "T.kls", description = "A store file made by 'kldiv import'.")
        Path store;

        @ArgGroup(exclusive = false)
        NpyPairOptions npy;
    }

    static final class NpyPairOptions {
        @Option(names = "--p", paramLabel = "P", required = true, description = {
            "p rows: a 2-D .npy file (float32/float64/float16/ml_dtypes bfloat16), or FILE.safetensors[:TENSOR]",
            "(2-D, or 3-D [batch, seq, vocab] scored as rows of the last axis; F32/F64/F16/BF16)."})
        Path p;

        @Option(names = "--q", paramLabel = "Q", required = true, description = "q rows: same kind, shape and dtype as p.")
        Path q;
    }

    @Mixin
    ScoringOptions scoring;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--out", paramLabel = "OUT.npy|OUT.csv",
            description = "Per-row results, float64: .npy of shape [N] (one measure) or [N, M], or .csv with a header.")
    Path out;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Write the summary as JSON.")
    Path summaryJson;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0",
            description = "Also report the mean top-K overlap of p and q (default: off).")
    int topK;

    @Option(names = "--trust-checksums", description = "Skip the store's column checksums (the header is still checked).")
    boolean trustChecksums;

    @Override
    public Integer call() throws Exception {
        ScoreOptions options = scoring.toScoreOptions();
        int workers = threads.count();
        if (topK < 0) {
            throw new ParameterException(spec.commandLine(), "--top-k must be >= 0, got " + topK);
        }
        if (out != null && !ResultsOutput.supports(out)) {
            throw new ParameterException(spec.commandLine(), "--out must end in .npy or .csv, got " + out);
        }
        new DistinctPaths().input("--store", source.store)
                .input("--p", source.npy == null ? null : source.npy.p)
                .input("--q", source.npy == null ? null : source.npy.q)
                .output("--out", out).output("--summary-json", summaryJson)
                .check(spec.commandLine());
        PrintWriter stdout = spec.commandLine().getOut();
        try (ScoreInput input = source.store != null ? ScoreInput.store(source.store, !trustChecksums)
                : ScoreInput.pair(source.npy.p, source.npy.q);
             ProgressBar progress = ProgressBar.onStderr("scoring")) {
            BatchResult result;
            double startup = JobClock.seconds();
            try {
                Kernel kernel = Kernels.forOneJob(input.rows().rows() * input.rows().k()).kernel();
                result = new BatchScorer(kernel, workers, topK, progress).score(input.rows(), options);
            } catch (InvalidRowException e) {
                throw input.locate(e);
            }
            try (result) {
                progress.close();
                BatchSummary summary = result.summary();
                publish(result, summary, options, startup);
                SummaryReport.print(stdout, "kldiv score", summary, options.base(), new JobTimes(startup, JobClock.seconds()));
            }
        }
        stdout.flush();
        return Main.EXIT_OK;
    }

    /**
     * The JSON's temporary file is created first and renamed into place last, so a failure anywhere leaves no
     * output; its content is written after the results, so its wall time includes writing them.
     */
    private void publish(BatchResult result, BatchSummary summary, ScoreOptions options, double startup) throws Exception {
        try (AtomicOutput json = summaryJson == null ? null : AtomicOutput.create(summaryJson)) {
            if (out != null) {
                boolean skip = options.onInvalid() == InvalidPolicy.SKIP;
                long kept = skip ? summary.validRows() : summary.rows();
                ResultsOutput.write(out, options.measures(), result.columns(), summary.rows(), skip, kept);
            }
            if (json != null) {
                try (OutputStream os = Files.newOutputStream(json.tempFile())) {
                    SummaryJson.write(os, summary, options, new JobTimes(startup, JobClock.seconds()));
                }
                json.commit();
            }
        }
    }
}
