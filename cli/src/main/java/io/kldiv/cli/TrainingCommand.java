package io.kldiv.cli;

import io.kldiv.Dtype;
import io.kldiv.kernel.Kernels;
import io.kldiv.npy.NpyWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run of the JDK's ahead-of-time cache ({@code ./kldiv} runs it under {@code -XX:AOTCacheOutput}
 * after each build): the paths a real job takes, on small data, in one JVM, so the cache holds their classes,
 * linked, and their method profiles. {@code score} of two float32 .npy files to .npy and JSON (a small job: the
 * scalar kernel), then {@code demo} (logits in off-heap columns) on the vector kernel that bigger jobs use, then
 * {@code info}. Hidden: it is the launcher's, not the user's.
 */
final class TrainingCommand implements Subcommand {
    private static final int ROWS = 4096;
    private static final int K = 1024;

    @Override
    public CommandSpec spec() {
        return new CommandSpec("aot-training", "Trains the JVM's ahead-of-time cache (run by ./kldiv after a build).");
    }

    @Override
    public void take(ParsedArgs args, PrintWriter stdout) {
        // no options, no output of its own
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("kldiv-aot-training");
        try {
            Path p = dir.resolve("p.npy");
            Path q = dir.resolve("q.npy");
            writeProbabilities(p, 3);
            writeProbabilities(q, 5);
            run("score", "--p", p.toString(), "--q", q.toString(), "--measure", "kl", "--out", dir.resolve("r.npy").toString(),
                    "--summary-json", dir.resolve("s.json").toString());
            // The store path too: Chronicle Bytes' classes then come from the cache, loaded and linked.
            Path store = dir.resolve("t.kls");
            run("import", "--p", p.toString(), "--q", q.toString(), "--out", store.toString());
            run("score", "--store", store.toString(), "--measure", "kl", "--out", dir.resolve("rs.npy").toString());
            onVectorKernel(() -> run("demo", "--rows", "20000"));
            run("info");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
        return Main.EXIT_OK;
    }

    /** Runs {@code job} with the vector kernel forced, when there is one, as a job bigger than the training's gets it. */
    private static void onVectorKernel(Runnable job) {
        if (!Kernels.best().kernel().slowToCompile() || System.getProperty(Kernels.MODE_PROPERTY) != null) {
            job.run(); // no vector kernel here, or a mode chosen by the user
            return;
        }
        System.setProperty(Kernels.MODE_PROPERTY, "simd");
        try {
            job.run();
        } finally {
            System.clearProperty(Kernels.MODE_PROPERTY); // it was unset
        }
    }

    private static void run(String... args) {
        StringWriter sink = new StringWriter();
        int exit = Main.run(args, new PrintWriter(sink), new PrintWriter(sink));
        if (exit != Main.EXIT_OK) {
            throw new IllegalStateException(String.join(" ", args) + " failed: " + sink);
        }
    }

    /** Rows with p_i ∝ 1 + (i mod period): valid probabilities, different for p and q. */
    private static void writeProbabilities(Path file, int period) throws Exception {
        float[] row = new float[K];
        double sum = 0;
        for (int i = 0; i < K; i++) {
            sum += 1 + i % period;
        }
        for (int i = 0; i < K; i++) {
            row[i] = (float) ((1 + i % period) / sum);
        }
        try (NpyWriter w = NpyWriter.create(file, Dtype.FLOAT32, ROWS, K)) {
            for (int r = 0; r < ROWS; r++) {
                w.append(row);
            }
            w.finish();
        }
    }
}
