package io.kldiv.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kldiv.InputForm;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.reference.Reference;
import io.kldiv.testing.RandomRows;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every subcommand end to end, on small .npy files the test writes, against the reference. */
class CliTest {
    private static final int N = 400;
    private static final int K = 9;

    @TempDir
    Path dir;

    private double[][] p;
    private double[][] q;
    private Path pFile;
    private Path qFile;

    record Run(int exit, String out, String err) {
    }

    static Run kldiv(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void writeInputs() throws IOException {
        RandomRows rows = new RandomRows(21);
        p = new double[N][];
        q = new double[N][];
        for (int r = 0; r < N; r++) {
            p[r] = rows.probabilities(K, 0.1);
            q[r] = rows.probabilities(K, r % 50 == 0 ? 0.4 : 0.0);
        }
        pFile = dir.resolve("p.npy");
        qFile = dir.resolve("q.npy");
        NpyFiles.write(pFile, "<f8", p);
        NpyFiles.write(qFile, "<f8", q);
    }

    private double[] reference(Measure m, int r) {
        return Reference.score(ScoreOptions.of(m), p[r], q[r]);
    }

    @Test
    void scoresNpyFilesIntoNpyResultsAndJsonSummary() throws IOException {
        Path out = dir.resolve("out.npy");
        Path json = dir.resolve("summary.json");
        Run run = kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--measure", "js,kl",
                "--out", out.toString(), "--summary-json", json.toString(), "--threads", "2", "--top-k", "3");
        assertEquals(0, run.exit(), run.err());
        NpyFiles.Array results = NpyFiles.readFloat64(out);
        assertArrayEquals(new long[] {N, 2}, results.shape());
        double klSum = 0;
        long klInf = 0;
        for (int r = 0; r < N; r++) {
            double js = reference(Measure.JS, r)[0];
            double kl = reference(Measure.KL, r)[0];
            assertEquals(js, results.values()[2 * r], 1e-12 * (1 + js), "js row " + r);
            assertEquals(kl, results.values()[2 * r + 1], Double.isInfinite(kl) ? 0 : 1e-12 * (1 + kl), "kl row " + r);
            if (Double.isInfinite(kl)) {
                klInf++;
            } else {
                klSum += kl;
            }
        }
        JsonNode s = new ObjectMapper().readTree(json.toFile());
        assertEquals(N, s.get("rows").asLong());
        assertEquals(K, s.get("k").asInt());
        assertEquals("float64", s.get("dtype").asText());
        assertEquals(1, s.get("threads").asInt(), "400 rows of K = 9 are one chunk: one thread does it all");
        assertEquals(2L * N * K * 8, s.get("bytes_scanned").asLong());
        assertTrue(s.get("seconds").asDouble() > 0);
        double wall = s.get("wall_seconds").asDouble();
        double parts = s.get("startup_seconds").asDouble() + s.get("warmup_seconds").asDouble() + s.get("seconds").asDouble();
        assertTrue(s.get("startup_seconds").asDouble() > 0, s.toString());
        assertEquals(0, s.get("warmup_seconds").asDouble(), "a job of a few KiB runs cold: warming up would cost more");
        assertTrue(parts <= wall + 0.002, "start-up + warm-up + scoring happen within the wall time: " + s);
        assertTrue(s.get("kernel").asText().length() > 0);
        assertEquals(0, s.get("invalid").size());
        assertTrue(s.get("top1_agreement").asDouble() >= 0 && s.get("top1_agreement").asDouble() <= 1);
        JsonNode kl = s.get("measures").get("kl");
        assertEquals(klInf, kl.get("inf_count").asLong());
        assertTrue(klInf > 0, "the data has rows with q = 0 where p > 0");
        assertEquals("inf", kl.get("mean").asText());
        assertEquals("inf", kl.get("max").asText());
        double[] js = new double[N];
        for (int r = 0; r < N; r++) {
            js[r] = reference(Measure.JS, r)[0];
        }
        JsonNode jsSummary = s.get("measures").get("js");
        assertEquals(Arrays.stream(js).average().orElseThrow(), jsSummary.get("mean").asDouble(), 1e-12);
        double[] sorted = js.clone();
        Arrays.sort(sorted);
        double h = (N - 1) * 0.5;
        double median = sorted[(int) h] + (h - Math.floor(h)) * (sorted[(int) Math.ceil(h)] - sorted[(int) h]);
        assertEquals(median, jsSummary.get("median").asDouble(), 1e-12);
        for (String key : List.of("stderr", "min", "p0_1", "p1", "p5", "p10", "p25", "p75", "p90", "p95", "p99", "p99_9", "max")) {
            assertTrue(jsSummary.has(key), key);
        }
        assertTrue(run.out().contains("top-1 agreement"), run.out());
        assertTrue(run.out().contains("top-3 overlap"), run.out());
        assertTrue(klSum > 0);
    }

    @Test
    void csvHasAHeaderAndOneLinePerRow() throws IOException {
        Path out = dir.resolve("out.csv");
        Run run = kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--measure", "cross-entropy",
                "--base", "2", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("row,cross-entropy", lines.get(0));
        assertEquals(N + 1, lines.size());
        for (int r = 0; r < N; r++) {
            String[] cells = lines.get(r + 1).split(",");
            assertEquals(Integer.toString(r), cells[0]);
            double want = Reference.score(ScoreOptions.of(Measure.CROSS_ENTROPY).withBase(io.kldiv.LogBase.BITS), p[r], q[r])[0];
            double got = cells[1].equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(cells[1]);
            assertEquals(want, got, Double.isInfinite(want) ? 0 : 1e-12 * (1 + want));
        }
    }

    @Test
    void importedStoreScoresLikeTheNpyFilesAndInfoDescribesIt() throws IOException {
        Path store = dir.resolve("t.kls");
        Run imported = kldiv("import", "--p", pFile.toString(), "--q", qFile.toString(), "--out", store.toString());
        assertEquals(0, imported.exit(), imported.err());
        Path fromStore = dir.resolve("a.npy");
        Path fromNpy = dir.resolve("b.npy");
        assertEquals(0, kldiv("score", "--store", store.toString(), "--measure", "jeffreys", "--out", fromStore.toString()).exit());
        assertEquals(0, kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--measure", "jeffreys",
                "--out", fromNpy.toString()).exit());
        assertArrayEquals(Files.readAllBytes(fromNpy), Files.readAllBytes(fromStore));
        Run info = kldiv("info", store.toString());
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("rows:       " + N), info.out());
        assertTrue(info.out().contains("k:          " + K), info.out());
        assertTrue(info.out().contains("float64"), info.out());
        assertTrue(info.out().contains("kernel:"), info.out());
    }

    @Test
    void logitsInputWithTemperature() throws IOException {
        RandomRows rows = new RandomRows(8);
        double[][] a = new double[50][];
        double[][] b = new double[50][];
        for (int r = 0; r < 50; r++) {
            a[r] = rows.logits(K, 10, 0.1);
            b[r] = rows.perturbed(a[r], 0.3);
        }
        NpyFiles.write(dir.resolve("a.npy"), "<f4", a);
        NpyFiles.write(dir.resolve("b.npy"), "<f4", b);
        Path out = dir.resolve("r.npy");
        Run run = kldiv("score", "--p", dir.resolve("a.npy").toString(), "--q", dir.resolve("b.npy").toString(),
                "--p-input", "logits", "--q-input", "logits", "--temperature", "2", "--measure", "kl", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        double[] got = NpyFiles.readFloat64(out).values();
        ScoreOptions options = ScoreOptions.of(Measure.KL).withForms(InputForm.logits(2.0));
        for (int r = 0; r < 50; r++) {
            float[] fa = new float[K];
            float[] fb = new float[K];
            for (int i = 0; i < K; i++) {
                fa[i] = (float) a[r][i];
                fb[i] = (float) b[r][i];
            }
            double want = Reference.score(options, fa, fb)[0];
            assertEquals(want, got[r], 1e-6 * (1 + want), "row " + r);
        }
    }

    @Test
    void summariesAreTheSameForOneAndFourThreads() throws IOException {
        Path one = dir.resolve("one.json");
        Path four = dir.resolve("four.json");
        assertEquals(0, kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--measure", "kl,js,entropy-q",
                "--threads", "1", "--summary-json", one.toString()).exit());
        assertEquals(0, kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--measure", "kl,js,entropy-q",
                "--threads", "4", "--summary-json", four.toString()).exit());
        JsonNode a = new ObjectMapper().readTree(one.toFile());
        JsonNode b = new ObjectMapper().readTree(four.toFile());
        assertEquals(a.get("measures"), b.get("measures"));
        assertEquals(a.get("top1_agreement"), b.get("top1_agreement"));
    }

    @Test
    void nanAtAKnownRowStopsTheJobAndPublishesNothing() throws IOException {
        q[7][3] = Double.NaN;
        NpyFiles.write(qFile, "<f8", q);
        Path out = dir.resolve("out.npy");
        Path existing = dir.resolve("existing.json");
        Files.writeString(existing, "old");
        Run run = kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--out", out.toString(),
                "--summary-json", existing.toString());
        assertEquals(1, run.exit());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(qFile + ": row 7: q category 3: value is NaN"), run.err());
        assertFalse(Files.exists(out));
        assertEquals("old", Files.readString(existing));
        assertNoTemporaryFiles();
    }

    @Test
    void policiesNanAndSkip() throws IOException {
        p[11][0] = -0.5;
        NpyFiles.write(pFile, "<f8", p);
        Path nan = dir.resolve("nan.npy");
        Path skip = dir.resolve("skip.npy");
        Path json = dir.resolve("s.json");
        Run run = kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--on-invalid", "nan", "--out", nan.toString(),
                "--summary-json", json.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(Double.isNaN(NpyFiles.readFloat64(nan).values()[11]));
        assertEquals(N, NpyFiles.readFloat64(nan).shape()[0]);
        assertEquals(1, new ObjectMapper().readTree(json.toFile()).get("invalid").get("negative").asInt());
        assertTrue(run.out().contains("1 negative"), run.out());
        assertEquals(0, kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--on-invalid", "skip",
                "--out", skip.toString()).exit());
        NpyFiles.Array skipped = NpyFiles.readFloat64(skip);
        assertEquals(N - 1, skipped.shape()[0]);
        assertEquals(reference(Measure.KL, 12)[0], skipped.values()[11], 1e-12);
    }

    /** More rows than the results writer's block (8,192), with skipped rows in several blocks, in row order. */
    @Test
    void manyRowsAreWrittenInOrderAcrossBlocks() throws IOException {
        int n = 20_000;
        RandomRows rows = new RandomRows(5);
        double[][] a = new double[n][];
        double[][] b = new double[n][];
        for (int r = 0; r < n; r++) {
            a[r] = rows.probabilities(3, 0.0);
            b[r] = rows.probabilities(3, 0.0);
            if (r % 4099 == 7) {
                a[r][1] = -a[r][1]; // invalid: negative
            }
        }
        NpyFiles.write(pFile, "<f8", a);
        NpyFiles.write(qFile, "<f8", b);
        Path one = dir.resolve("one.npy");
        Path two = dir.resolve("two.npy");
        assertEquals(0, kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--on-invalid", "nan",
                "--out", one.toString()).exit());
        assertEquals(0, kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--on-invalid", "skip",
                "--measure", "kl,js", "--out", two.toString()).exit());
        double[] kl = NpyFiles.readFloat64(one).values();
        NpyFiles.Array both = NpyFiles.readFloat64(two);
        int kept = 0;
        for (int r = 0; r < n; r++) {
            if (r % 4099 == 7) {
                assertTrue(Double.isNaN(kl[r]), "row " + r);
                continue;
            }
            double want = Reference.score(ScoreOptions.of(Measure.KL), a[r], b[r])[0];
            assertEquals(want, kl[r], 1e-12 * (1 + want), "row " + r);
            assertEquals(want, both.values()[2 * kept], 1e-12 * (1 + want), "kept row " + kept);
            double js = Reference.score(ScoreOptions.of(Measure.JS), a[r], b[r])[0];
            assertEquals(js, both.values()[2 * kept + 1], 1e-12 * (1 + js), "kept row " + kept);
            kept++;
        }
        assertArrayEquals(new long[] {kept, 2}, both.shape());
    }

    @Test
    void badDataExitsWithOneAndNamesTheFile() throws IOException {
        Path out = dir.resolve("out.npy");
        Path missing = dir.resolve("missing.npy");
        Run run = kldiv("score", "--p", missing.toString(), "--q", qFile.toString(), "--out", out.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(missing.toString()), run.err());

        Path ints = dir.resolve("ints.npy");
        NpyFiles.write(ints, "<i4", new double[][] {{1, 2}, {3, 4}});
        run = kldiv("score", "--p", ints.toString(), "--q", ints.toString(), "--out", out.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(ints.toString()) && run.err().contains("<i4"), run.err());

        Path shorter = dir.resolve("short.npy");
        NpyFiles.write(shorter, "<f8", Arrays.copyOf(q, N - 1));
        run = kldiv("score", "--p", pFile.toString(), "--q", shorter.toString(), "--out", out.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("shape"), run.err());

        Path store = dir.resolve("t.kls");
        assertEquals(0, kldiv("import", "--p", pFile.toString(), "--q", qFile.toString(), "--out", store.toString()).exit());
        try (FileChannel ch = FileChannel.open(store, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = ch.size() / 2;
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
            ch.write(one, at);
        }
        run = kldiv("score", "--store", store.toString(), "--out", out.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(store.toString()) && run.err().contains("checksum"), run.err());
        assertFalse(Files.exists(out));
        assertNoTemporaryFiles();
    }

    @Test
    void badUsageExitsWithTwo() {
        String[] base = {"score", "--p", "p.npy", "--q", "q.npy"};
        for (String[] extra : List.of(new String[] {"--measure", "kl-divergence"}, new String[] {"--temperature", "0", "--p-input", "logits"},
                new String[] {"--base", "1"}, new String[] {"--base", "0.5"}, new String[] {"--on-invalid", "ignore"},
                new String[] {"--no-such-option"}, new String[] {"--p-input", "probabilities"}, new String[] {"--threads", "0"})) {
            Run run = kldiv(Stream.concat(Arrays.stream(base), Arrays.stream(extra)).toArray(String[]::new));
            assertEquals(2, run.exit(), String.join(" ", extra) + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
        }
        assertEquals(2, kldiv("score").exit());
        assertEquals(2, kldiv("frobnicate").exit());
    }

    @Test
    void usageErrorsAreOneLineNamingTheOptionAndTheCommandsHelp() {
        String[] pq = {"--p", pFile.toString(), "--q", qFile.toString()};
        record Case(List<String> args, String line) {
        }
        List<Case> cases = List.of(
                new Case(List.of("score", "--no-such-option"), "unknown option '--no-such-option' (see: kldiv score --help)"),
                new Case(List.of("score", "--top-k"), "option '--top-k' needs a value (K) (see: kldiv score --help)"),
                new Case(List.of("score", "--threads", "2", "--threads=3"), "option '--threads' is given more than once (see: kldiv score --help)"),
                new Case(List.of("score", "--top-k", "three"), "invalid value for --top-k (K): 'three' is not a whole number (see: kldiv score --help)"),
                new Case(List.of("score", "--threads", "4294967296"),
                        "invalid value for --threads (N): 4294967296 is out of range (-2147483648 to 2147483647) (see: kldiv score --help)"),
                new Case(List.of("score", "--measure", "kl,kl-divergence"),
                        "invalid value for --measure (M): unknown measure 'kl-divergence'; expected one of kl, reverse-kl, jeffreys, js, "
                                + "js-distance, cross-entropy, entropy-p, entropy-q (see: kldiv score --help)"),
                new Case(List.of("score", "--store", "t.kls"),
                        "'--store' and '--p' cannot be used together; give either --store, or --p and --q (see: kldiv score --help)"));
        for (Case c : cases) {
            Run run = kldiv(Stream.concat(Stream.of(c.args().getFirst()), Stream.concat(Arrays.stream(pq), c.args().stream().skip(1)))
                    .toArray(String[]::new));
            assertEquals(2, run.exit(), c.args() + ": " + run.err());
            assertEquals("kldiv: " + c.line(), run.err().strip(), c.args().toString());
            assertEquals("", run.out());
        }
        assertEquals("kldiv: missing input: give either --store, or --p and --q (see: kldiv score --help)", kldiv("score").err().strip());
        assertEquals("kldiv: '--p' needs '--q' as well; give either --store, or --p and --q (see: kldiv score --help)",
                kldiv("score", "--p", "p.npy").err().strip());
        assertEquals("kldiv: missing required option '--out' (T.kls) (see: kldiv import --help)",
                kldiv("import", "--p", "p.npy", "--q", "q.npy").err().strip());
        assertEquals("kldiv: unexpected argument 'b.kls' (see: kldiv info --help)", kldiv("info", "a.kls", "b.kls").err().strip());
        assertEquals("kldiv: unknown command 'frobnicate' (see: kldiv --help)", kldiv("frobnicate").err().strip());
        assertEquals("kldiv: unknown option '--frobnicate' (see: kldiv --help)", kldiv("--frobnicate").err().strip());
    }

    @Test
    void bothValueSyntaxesScoreAlike() throws IOException {
        Path spaced = dir.resolve("spaced.npy");
        Path joined = dir.resolve("joined.npy");
        assertEquals(0, kldiv("score", "--p", pFile.toString(), "--q", qFile.toString(), "--measure", "kl", "--measure", "js",
                "--out", spaced.toString()).exit());
        Run run = kldiv("score", "--p=" + pFile, "--q=" + qFile, "--measure=kl,js", "--out=" + joined);
        assertEquals(0, run.exit(), run.err());
        assertArrayEquals(Files.readAllBytes(spaced), Files.readAllBytes(joined));
    }

    @Test
    void helpAndVersionOnTheTopCommandAndEachSubcommand() {
        for (String[] args : List.of(new String[] {}, new String[] {"-h"}, new String[] {"--help"})) {
            Run run = kldiv(args);
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().startsWith("Usage: kldiv ") && run.out().contains("Commands:"), run.out());
        }
        for (String name : List.of("score", "import", "demo", "info")) {
            for (String option : List.of("-h", "--help")) {
                Run run = kldiv(name, option);
                assertEquals(0, run.exit(), run.err());
                assertTrue(run.out().startsWith("Usage: kldiv " + name + " "), run.out());
                assertEquals("", run.err());
            }
            for (String option : List.of("-V", "--version")) {
                Run run = kldiv(name, option);
                assertEquals(0, run.exit(), run.err());
                assertTrue(run.out().startsWith("kldiv ") && run.out().contains("JVM: "), run.out());
            }
        }
        Run version = kldiv("--version");
        assertEquals(0, version.exit());
        assertEquals(2, version.out().lines().count(), version.out());
        assertEquals(0, kldiv("-V").exit());
        assertTrue(kldiv("score", "--help").out().contains("--trust-checksums"));
    }

    @Test
    void demoIsDeterministicForAnyThreadCount() {
        Run one = kldiv("demo", "--rows", "3000", "--k", "32", "--threads", "1", "--seed", "5");
        Run two = kldiv("demo", "--rows", "3000", "--k", "32", "--threads", "2", "--seed", "5");
        assertEquals(0, one.exit(), one.err());
        assertEquals(0, two.exit(), two.err());
        assertEquals(statistics(one.out()), statistics(two.out()));
        assertTrue(one.out().contains("reverse-kl") && one.out().contains("median"), one.out());
    }

    /** The summary's statistic lines, without the timing lines. */
    private static List<String> statistics(String out) {
        return out.lines().filter(l -> l.startsWith("mean") || l.startsWith("median") || l.startsWith("p99")
                || l.startsWith("top-1")).toList();
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> leftovers = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(leftovers.isEmpty(), "left behind: " + leftovers);
        }
    }
}
