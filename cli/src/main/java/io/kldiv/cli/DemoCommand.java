package io.kldiv.cli;

import io.kldiv.Dtype;
import io.kldiv.InputForm;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.batch.BatchResult;
import io.kldiv.batch.BatchScorer;
import io.kldiv.kernel.KernelChoice;
import io.kldiv.kernel.Kernels;
import io.kldiv.kernel.PairRows;
import io.kldiv.store.PairTable;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generates pairs of realistic model outputs off-heap (a teacher's float32 logits and a "
                + "quantized student's) and scores kl, reverse-kl and js from logits: the summary and the throughput."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000", description = "Rows (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--k", paramLabel = "K", defaultValue = "256", description = "Categories per row (default: ${DEFAULT-VALUE}).")
    int k;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (rows < 1 || k < 1) {
            throw new ParameterException(spec.commandLine(), "--rows and --k must be at least 1");
        }
        int workers = threads.count();
        PrintWriter out = spec.commandLine().getOut();
        ScoreOptions options = ScoreOptions.of(Measure.KL, Measure.REVERSE_KL, Measure.JS).withForms(InputForm.LOGITS);
        KernelChoice kernel = Kernels.forOneJob(rows * k);
        try (PairTable table = PairTable.allocate(Dtype.FLOAT32, k, rows, false)) {
            long start = System.nanoTime();
            DemoData.generate(table.p(), table.q(), k, rows, seed, workers);
            double generated = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "generated %,d teacher/student logit rows, K = %,d (%.2f GiB off-heap) in %.2f s%n",
                    rows, k, 2.0 * rows * k * Float.BYTES / (1L << 30), generated);
            out.println("kernel: " + kernel);
            PairRows in = PairRows.contiguous(table.p(), table.q(), Dtype.FLOAT32, k, rows);
            double startup = JobClock.seconds();
            try (ProgressBar progress = ProgressBar.onStderr("scoring");
                 BatchResult result = new BatchScorer(kernel.kernel(), workers, 0, progress).score(in, options)) {
                progress.close();
                out.println();
                SummaryReport.print(out, "kldiv demo (p = teacher logits, q = student logits)", result.summary(), options.base(),
                        new JobTimes(startup, JobClock.seconds()));
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
