package io.kldiv.cli;

import io.kldiv.Dtype;
import io.kldiv.InputForm;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.batch.BatchResult;
import io.kldiv.batch.BatchScorer;
import io.kldiv.io.OffHeapMemory;
import io.kldiv.kernel.KernelChoice;
import io.kldiv.kernel.Kernels;
import io.kldiv.kernel.PairRows;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.util.Locale;

final class DemoCommand implements Subcommand {
    static final Option ROWS = Option.valued("--rows", "N", "Rows (default: ${DEFAULT}).").withDefault("1000000");
    static final Option K = Option.valued("--k", "K", "Categories per row (default: ${DEFAULT}).").withDefault("256");
    static final Option SEED = Option.valued("--seed", "S", "Random seed (default: ${DEFAULT}).").withDefault("42");

    long rows;
    int k;
    final ThreadsOption threads = new ThreadsOption();
    long seed;
    PrintWriter stdout;

    @Override
    public CommandSpec spec() {
        return new CommandSpec("demo", "Generates pairs of realistic model outputs off-heap (a teacher's float32 logits and a "
                + "quantized student's) and scores kl, reverse-kl and js from logits: the summary and the throughput.")
                .options(ROWS, K, ThreadsOption.THREADS, SEED);
    }

    @Override
    public void take(ParsedArgs args, PrintWriter stdout) {
        rows = args.longValue(ROWS);
        k = args.intValue(K);
        threads.take(args);
        seed = args.longValue(SEED);
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws IOException {
        if (rows < 1 || k < 1) {
            throw new UsageException("--rows and --k must be at least 1");
        }
        int workers = threads.count();
        PrintWriter out = stdout;
        ScoreOptions options = ScoreOptions.of(Measure.KL, Measure.REVERSE_KL, Measure.JS).withForms(InputForm.LOGITS);
        KernelChoice kernel = Kernels.forOneJob(rows * k);
        // Two plain off-heap columns: the demo writes no store, so it does not start Chronicle Bytes (about 0.5 s),
        // and fresh pages, so the generating threads are the first to touch them (no zeroing pass in this one).
        long bytes = Math.multiplyExact(Math.multiplyExact(rows, (long) k), (long) Float.BYTES);
        try (OffHeapMemory teacherMemory = OffHeapMemory.allocate(bytes);
             OffHeapMemory studentMemory = OffHeapMemory.allocate(bytes)) {
            MemorySegment teacher = teacherMemory.segment(0, bytes);
            MemorySegment student = studentMemory.segment(0, bytes);
            long start = System.nanoTime();
            DemoData.generate(teacher, student, k, rows, seed, workers);
            double generated = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "generated %,d teacher/student logit rows, K = %,d (%.2f GiB off-heap) in %.2f s%n",
                    rows, k, 2.0 * rows * k * Float.BYTES / (1L << 30), generated);
            out.println("kernel: " + kernel);
            PairRows in = PairRows.contiguous(teacher, student, Dtype.FLOAT32, k, rows);
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
