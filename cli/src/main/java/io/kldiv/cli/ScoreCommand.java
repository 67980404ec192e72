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
import io.kldiv.llama.TokenStatistics;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

final class ScoreCommand implements Subcommand {
    static final Option STORE = Option.valued("--store", "T.kls", "A store file made by 'kldiv import'.");
    static final Option P = Option.valued("--p", "P", "p rows: a 2-D .npy file (float32/float64/float16/ml_dtypes "
            + "bfloat16), or FILE.safetensors[:TENSOR] (2-D, or 3-D [batch, seq, vocab] scored as rows of the last axis; "
            + "F32/F64/F16/BF16), or a llama.cpp --kl-divergence-base file (.kld): then also prints llama.cpp's token "
            + "statistics.");
    static final Option Q = Option.valued("--q", "Q", "q rows: same kind, shape and dtype as p.");
    static final Option OUT = Option.valued("--out", "OUT.npy|OUT.csv",
            "Per-row results, float64: .npy of shape [N] (one measure) or [N, M], or .csv with a header.");
    static final Option SUMMARY_JSON = Option.valued("--summary-json", "FILE", "Write the summary as JSON.");
    static final Option TOP_K = Option.valued("--top-k", "K", "Also report the mean top-K overlap of p and q (default: off).")
            .withDefault("0");
    static final Option TRUST_CHECKSUMS = Option.flag("--trust-checksums",
            "Skip the store's column checksums (the header is still checked).");

    /** Where the rows come from: exactly one of a store file or a pair of arrays (the parser enforces it). */
    Source source = new Source();

    static final class Source {
        Path store;
        NpyPairOptions npy;
    }

    static final class NpyPairOptions {
        Path p;
        Path q;
    }

    final ScoringOptions scoring = new ScoringOptions();
    final ThreadsOption threads = new ThreadsOption();
    Path out;
    Path summaryJson;
    int topK;
    boolean trustChecksums;
    PrintWriter stdout;

    @Override
    public CommandSpec spec() {
        return new CommandSpec("score", "Scores every row of a store file, or of two .npy files or safetensors tensors "
                + "(p and q, same shape), prints a summary, and optionally writes per-row results and a JSON summary.",
                "Outputs are published atomically: on any error none is left behind and existing files are untouched.")
                .alternatives(Alternatives.either(STORE).or(P, Q))
                .options(ScoringOptions.OPTIONS)
                .options(ThreadsOption.THREADS, OUT, SUMMARY_JSON, TOP_K, TRUST_CHECKSUMS);
    }

    @Override
    public void take(ParsedArgs args, PrintWriter stdout) {
        source.store = args.path(STORE);
        if (args.has(P)) {
            source.npy = new NpyPairOptions();
            source.npy.p = args.path(P);
            source.npy.q = args.path(Q);
        }
        scoring.take(args);
        threads.take(args);
        out = args.path(OUT);
        summaryJson = args.path(SUMMARY_JSON);
        topK = args.intValue(TOP_K);
        trustChecksums = args.flag(TRUST_CHECKSUMS);
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws Exception {
        ScoreOptions options = scoring.toScoreOptions();
        double sumTolerance = options.sumTolerance();
        if (source.npy != null && KldScoring.isPair(source.npy.p, source.npy.q)) {
            options = KldScoring.options(options);
        }
        int workers = threads.count();
        if (topK < 0) {
            throw new UsageException("--top-k must be >= 0, got " + topK);
        }
        if (out != null && !ResultsOutput.supports(out)) {
            throw new UsageException("--out must end in .npy or .csv, got " + out);
        }
        new DistinctPaths().input("--store", source.store)
                .input("--p", source.npy == null ? null : source.npy.p)
                .input("--q", source.npy == null ? null : source.npy.q)
                .output("--out", out).output("--summary-json", summaryJson)
                .check();
        try (ScoreInput input = source.store != null ? ScoreInput.store(source.store, !trustChecksums)
                : ScoreInput.pair(source.npy.p, source.npy.q, sumTolerance);
             ProgressBar progress = ProgressBar.onStderr("scoring")) {
            BatchResult result;
            double startup = JobClock.seconds();
            long pairs = input.rows().rows() * input.rows().k();
            VectorRestart.checkBeforeScoring(pairs);
            try {
                Kernel kernel = Kernels.forOneJob(pairs).kernel();
                result = new BatchScorer(kernel, workers, topK, progress).score(input.rows(), options);
            } catch (InvalidRowException e) {
                throw input.locate(e);
            }
            try (result) {
                progress.close();
                BatchSummary summary = result.summary();
                TokenStatistics tokens = input.tokenStatistics(result, options);
                publish(result, summary, tokens, options, startup);
                SummaryReport.print(stdout, "kldiv score", summary, options.base(), new JobTimes(startup, JobClock.seconds()));
                if (tokens != null) {
                    TokenReport.print(stdout, tokens, options.base());
                }
            }
        }
        stdout.flush();
        return Main.EXIT_OK;
    }

    /**
     * The JSON's temporary file is created first and renamed into place last, so a failure anywhere leaves no
     * output; its content is written after the results, so its wall time includes writing them.
     */
    private void publish(BatchResult result, BatchSummary summary, TokenStatistics tokens, ScoreOptions options, double startup)
            throws Exception {
        try (AtomicOutput json = summaryJson == null ? null : AtomicOutput.create(summaryJson)) {
            if (out != null) {
                boolean skip = options.onInvalid() == InvalidPolicy.SKIP;
                long kept = skip ? summary.validRows() : summary.rows();
                ResultsOutput.write(out, options.measures(), result.columns(), summary.rows(), skip, kept);
            }
            if (json != null) {
                try (OutputStream os = Files.newOutputStream(json.tempFile())) {
                    SummaryJson.write(os, summary, tokens, options, new JobTimes(startup, JobClock.seconds()));
                }
                json.commit();
            }
        }
    }
}
