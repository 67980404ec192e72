package io.kldiv.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kldiv.Dtype;
import io.kldiv.bench.BatchBench;
import io.kldiv.bench.Implementation;
import io.kldiv.bench.WorkingSet;
import io.kldiv.kernel.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns JMH's JSON (and the peers' JSON, if any) into the Markdown table: per row ns per element pair, GB/s,
 * the ratio to the baseline and to the reference on the same shape, and JMH's error; then the kernel aims,
 * each met, missed or not measured. Run it with the JVM flags so it sees the same kernel choice as the forks.
 *
 * <pre>Report --mode quick --out results/x.md [--peers peers.json] jmh-1.json [jmh-2.json ...]</pre>
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> IMPL_ORDER = List.of("reference", "scalar", "simd", "numpy", "scipy", "baseline");
    private static final List<String> MEASURE_ORDER = List.of("kl", "js", "cross-entropy", "all", "");
    private static final List<String> FORM_ORDER = List.of("prob", "logprob", "logits", "");

    private final List<Result> results;
    private final String simdFallback;

    Report(List<Result> results, String simdFallback) {
        this.results = List.copyOf(results);
        this.simdFallback = simdFallback;
    }

    public static void main(String[] args) throws IOException {
        String mode = "run";
        Path out = null;
        Path peers = null;
        Path mergedJson = null;
        List<Path> jmh = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--peers" -> peers = Path.of(args[++i]);
                case "--merged-json" -> mergedJson = Path.of(args[++i]);
                default -> jmh.add(Path.of(args[i]));
            }
        }
        List<Result> results = new ArrayList<>();
        ArrayNode merged = JSON.createArrayNode();
        String jdk = "unknown";
        for (Path file : jmh) {
            for (JsonNode run : JSON.readTree(file.toFile())) {
                merged.add(run);
                results.add(fromJmh(run));
                jdk = run.path("jdkVersion").asText() + " (" + run.path("vmName").asText() + " "
                        + run.path("vmVersion").asText() + ")";
            }
        }
        if (mergedJson != null) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(mergedJson.toFile(), merged);
        }
        String peerVersions = null;
        if (peers != null && Files.isRegularFile(peers)) {
            JsonNode root = JSON.readTree(peers.toFile());
            peerVersions = "Python " + root.path("python").asText() + ", NumPy " + root.path("numpy").asText()
                    + ", SciPy " + root.path("scipy").asText();
            for (JsonNode r : root.path("results")) {
                results.add(fromPeer(r));
            }
        }
        Report report = new Report(results, Implementation.simdFallback());
        String header = header(mode, jdk, peerVersions);
        String markdown = header + report.tables() + report.aims();
        if (out == null) {
            System.out.print(markdown);
        } else {
            Files.writeString(out, markdown, StandardCharsets.UTF_8);
            System.out.println("wrote " + out);
        }
    }

    static Result fromJmh(JsonNode run) {
        String name = run.path("benchmark").asText();
        String[] parts = name.split("\\.");
        String suite = parts[parts.length - 2];
        JsonNode params = run.path("params");
        JsonNode metric = run.path("primaryMetric");
        double toNs = nanosPer(metric.path("scoreUnit").asText());
        double score = metric.path("score").asDouble() * toNs;
        double error = metric.path("scoreError").asDouble(Double.NaN) * toNs;
        Dtype dtype = Dtype.byId(params.path("dtype").asText());
        int k = params.path("k").asInt();
        return switch (suite) {
            case "BaselineBench" -> new Result(suite, "baseline", "", dtype, "", k,
                    WorkingSet.byId(params.path("workingSet").asText()), 1, score, error);
            case "KernelBench", "StreamingBench", "BatchBench" -> new Result(suite, params.path("impl").asText(),
                    params.path("measure").asText(), dtype, params.path("form").asText(), k,
                    suite.equals("KernelBench") ? WorkingSet.CACHE : WorkingSet.MEMORY,
                    suite.equals("BatchBench") ? BatchBench.threadCount(params.path("threads").asText()) : 1,
                    score, error);
            default -> throw new IllegalArgumentException("unknown benchmark " + name);
        };
    }

    static Result fromPeer(JsonNode r) {
        return new Result("peers", r.path("impl").asText(), r.path("measure").asText(),
                Dtype.byId(r.path("dtype").asText()), r.path("form").asText(), r.path("k").asInt(),
                WorkingSet.byId(r.path("workingSet").asText()), 1, r.path("nsPerOp").asDouble(),
                r.path("errorNs").asDouble(Double.NaN));
    }

    private static double nanosPer(String unit) {
        return switch (unit) {
            case "ns/op" -> 1.0;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IllegalArgumentException("not a time per op: " + unit + " (use -bm avgt)");
        };
    }

    private static String header(String mode, String jdk, String peers) {
        StringBuilder b = new StringBuilder();
        b.append("## kldiv benchmarks (").append(mode).append(")\n\n");
        b.append("- CPU: ").append(Environment.cpu()).append('\n');
        b.append("- JDK: ").append(jdk).append('\n');
        b.append("- Vector width: ").append(Environment.vectorWidth()).append('\n');
        b.append("- Kernel chosen by `Kernels.best()`: ").append(Kernels.best()).append('\n');
        if (peers != null) {
            b.append("- Peers: ").append(peers).append('\n');
        }
        b.append("- Date: ").append(LocalDate.now()).append("\n\n");
        b.append("ns/pair is the time of one pass over the working set divided by rows × K; GB/s counts the p and q ")
                .append("bytes read (2 × rows × K × dtype bytes); × baseline is the baseline's time over this row's ")
                .append("(1.0 = as fast as merely reading the bytes); × reference is the reference's time over this ")
                .append("row's (only in cache: out of cache the reference would take minutes per pass); ± is JMH's 99.9% ")
                .append("confidence half-width as a share of the score (peers: the same from repeated timings).\n\n");
        return b.toString();
    }

    String tables() {
        StringBuilder b = new StringBuilder();
        section(b, "In cache: p + q ≈ 256 KiB, one thread (KernelBench; K = 131072 is one row of 1 or 2 MiB)",
                r -> r.workingSet() == WorkingSet.CACHE && !r.suite().equals("BatchBench"), false);
        section(b, "Out of cache: p + q ≥ 1 GiB off-heap from the store, one thread (StreamingBench)",
                r -> r.workingSet() == WorkingSet.MEMORY && !r.suite().equals("BatchBench"), false);
        section(b, "Batch scorer: p + q ≥ 1 GiB, whole jobs with summary, 1 thread vs all cores (BatchBench)",
                r -> r.suite().equals("BatchBench"), true);
        if (simdFallback != null && results.stream().anyMatch(r -> r.impl().equals("simd"))) {
            b.append("† no SIMD kernel on this JVM: rows marked simd† ran ").append(simdFallback)
                    .append(". They are not SIMD numbers.\n\n");
        }
        return b.toString();
    }

    private void section(StringBuilder b, String title, Predicate<Result> filter, boolean withThreads) {
        List<Result> rows = results.stream().filter(filter).sorted(order()).toList();
        if (rows.isEmpty()) {
            return;
        }
        b.append("### ").append(title).append("\n\n");
        b.append("| impl | measure | dtype | form | K | rows |").append(withThreads ? " threads |" : "")
                .append(" ns/pair | GB/s | × baseline | × reference | ± |\n");
        b.append("|---|---|---|---|---:|---:|").append(withThreads ? "---:|" : "")
                .append("---:|---:|---:|---:|---:|\n");
        for (Result r : rows) {
            b.append("| ").append(implLabel(r.impl())).append(" | ").append(dash(r.measure())).append(" | ")
                    .append(r.dtype()).append(" | ").append(dash(r.form())).append(" | ").append(r.k()).append(" | ")
                    .append(r.rows()).append(" | ");
            if (withThreads) {
                b.append(r.threads()).append(" | ");
            }
            b.append(number(r.nsPerPair())).append(" | ").append(fixed(r.gbPerSecond(), 2)).append(" | ")
                    .append(ratio(baseline(r).map(x -> x.nsPerOp() / r.nsPerOp()))).append(" | ")
                    .append(ratio(reference(r).map(x -> x.nsPerOp() / r.nsPerOp()))).append(" | ")
                    .append(Double.isNaN(r.errorNs()) ? "–" : fixed(100.0 * r.errorNs() / r.nsPerOp(), 1) + "%")
                    .append(" |\n");
        }
        b.append('\n');
    }

    private String implLabel(String impl) {
        return impl.equals("simd") && simdFallback != null ? "simd†" : impl;
    }

    Optional<Result> baseline(Result r) {
        return results.stream().filter(x -> x.impl().equals("baseline") && x.sameShape(r)).findFirst();
    }

    /** The reference on the same shape, measure and form (in cache only). */
    Optional<Result> reference(Result r) {
        return results.stream().filter(x -> x.impl().equals("reference") && x.sameShape(r)
                && x.measure().equals(r.measure()) && x.form().equals(r.form())).findFirst();
    }

    private Optional<Result> find(String suite, String impl, String measure, Dtype dtype, String form, int k) {
        return results.stream().filter(x -> x.suite().equals(suite) && x.impl().equals(impl)
                && x.measure().equals(measure) && x.dtype() == dtype && x.form().equals(form) && x.k() == k)
                .findFirst();
    }

    /** The kernel aims (issue 10), judged on the SIMD rows of this run (or whatever ran in their place, said so). */
    String aims() {
        StringBuilder b = new StringBuilder("### Aims (kl, one thread, impl = simd)\n\n");
        String ran = simdFallback == null ? "" : " — simd fell back to " + simdFallback.split(" ")[0] + " here";
        Optional<Result> prob = find("KernelBench", "simd", "kl", Dtype.FLOAT32, "prob", 4096);
        Optional<Result> numpy = find("KernelBench", "numpy", "kl", Dtype.FLOAT32, "prob", 4096)
                .or(() -> results.stream().filter(x -> x.impl().equals("numpy") && x.workingSet() == WorkingSet.CACHE
                        && x.dtype() == Dtype.FLOAT32 && x.k() == 4096 && x.measure().equals("kl")).findFirst());
        prob.ifPresent(p -> aim(b, "float32 prob in cache ≤ 0.65 ns/pair (K = 4096)",
                List.of(number(p.nsPerPair()) + " ns/pair"), p.nsPerPair() <= 0.65, ran));
        prob.ifPresent(p -> numpy.ifPresent(n -> aim(b, "float32 prob in cache at or below NumPy's time (K = 4096)",
                List.of(fixed(p.nsPerPair() / n.nsPerPair(), 2) + "× NumPy's " + number(n.nsPerPair()) + " ns/pair"),
                p.nsPerPair() <= n.nsPerPair(), ran)));
        find("StreamingBench", "simd", "kl", Dtype.FLOAT32, "prob", 4096).ifPresent(r -> baseline(r).ifPresent(x ->
                aim(b, "float32 prob out of cache ≥ 0.4× the streaming read (K = 4096)",
                        List.of(fixed(x.nsPerOp() / r.nsPerOp(), 2) + "×"), x.nsPerOp() / r.nsPerOp() >= 0.4, ran)));
        prob.ifPresent(p -> find("KernelBench", "simd", "kl", Dtype.FLOAT64, "prob", 4096).ifPresent(d ->
                aim(b, "float64 ≤ 1.5× float32 per pair (prob, in cache, K = 4096)",
                        List.of(fixed(d.nsPerPair() / p.nsPerPair(), 2) + "×"), d.nsPerPair() / p.nsPerPair() <= 1.5, ran)));
        List<String> logits = new ArrayList<>();
        boolean[] logitsMet = {true};
        for (int k : new int[] {4, 4096}) {
            find("KernelBench", "simd", "kl", Dtype.FLOAT32, "logits", k).ifPresent(l ->
                    find("KernelBench", "simd", "kl", Dtype.FLOAT32, "prob", k).ifPresent(p -> {
                        double v = l.nsPerOp() / p.nsPerOp();
                        logitsMet[0] &= v <= 2;
                        logits.add("K=" + k + ": " + fixed(v, 2) + "×");
                    }));
        }
        aim(b, "logits ≤ 2× prob (float32, in cache)", logits, logitsMet[0], ran);
        prob.ifPresent(big -> find("KernelBench", "simd", "kl", Dtype.FLOAT32, "prob", 4).ifPresent(small ->
                aim(b, "K = 4 ≤ 2× the ns/pair of K = 4096 (float32 prob, in cache)",
                        List.of(fixed(small.nsPerPair() / big.nsPerPair(), 2) + "×"),
                        small.nsPerPair() / big.nsPerPair() <= 2, ran)));
        return b.append('\n').toString();
    }

    private static void aim(StringBuilder b, String what, List<String> values, boolean met, String ran) {
        b.append("- ").append(what).append(": ");
        if (values.isEmpty()) {
            b.append("not measured in this run\n");
        } else {
            b.append(met ? "**met**" : "**missed**").append(" (").append(String.join(", ", values)).append(')')
                    .append(ran).append('\n');
        }
    }

    private static Comparator<Result> order() {
        return Comparator.comparing((Result r) -> r.dtype())
                .thenComparingInt(Result::k)
                .thenComparingInt(r -> FORM_ORDER.indexOf(r.form()))
                .thenComparingInt(r -> MEASURE_ORDER.indexOf(r.measure()))
                .thenComparingInt(Result::threads)
                .thenComparingInt(r -> rank(IMPL_ORDER, r.impl()));
    }

    private static int rank(List<String> order, String value) {
        int i = order.indexOf(value);
        return i < 0 ? order.size() : i;
    }

    private static String dash(String s) {
        return s.isEmpty() ? "–" : s;
    }

    private static String ratio(Optional<Double> v) {
        return v.map(Report::number).orElse("–");
    }

    /** Three significant digits at or above 1, two below. */
    private static String number(double v) {
        if (v >= 100) {
            return fixed(v, 0);
        }
        if (v >= 10) {
            return fixed(v, 1);
        }
        if (v >= 1) {
            return fixed(v, 2);
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }

    private static String fixed(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
