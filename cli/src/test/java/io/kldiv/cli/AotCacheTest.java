package io.kldiv.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kldiv.batch.BatchScorer;
import io.kldiv.kernel.Kernels;
import io.kldiv.testing.RandomRows;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options ./kldiv runs with an AOT cache, in separate JVMs: a trained cache, a deleted one and one of
 * garbage bytes each give a run whose results and summary are the same, bit for bit, as a run without a cache,
 * and nothing on stdout or stderr mentions the cache (the training run itself reports on stdout: ./kldiv drops it).
 * The same holds for the options ./kldiv starts a small {@code score} job with: without the Vector API module,
 * with the serial collector (and for the smallest, without C2); a job that wants a vector kernel there exits with
 * the launcher's restart status and leaves nothing behind.
 */
class AotCacheTest {
    private static final List<String> QUIET = List.of("-Xlog:aot*=off,cds*=off");

    @TempDir
    Path dir;

    /** The same jars for every run (./kldiv retrains a cache older than its jars: see AotCacheFreshnessTest). */
    private String classpath;

    record Outcome(String stdout, String stderr, byte[] results, ObjectNode summary) {
    }

    @Test
    void anyCacheOrNoneGivesTheSameResults() throws Exception {
        writeInputs();
        Path cache = dir.resolve("kldiv.aot");
        Outcome training = score("training", buildFlags(), concat(List.of("-XX:AOTCacheOutput=" + cache), QUIET));
        assertEquals(true, Files.size(cache) > 0, "the training run wrote a cache");

        Outcome none = score("none", buildFlags(), List.of());
        Outcome trained = score("trained", buildFlags(), concat(List.of("-XX:AOTCache=" + cache), QUIET));
        Outcome deleted = score("deleted", buildFlags(), concat(List.of("-XX:AOTCache=" + dir.resolve("deleted.aot")), QUIET));
        Path garbage = dir.resolve("garbage.aot");
        byte[] noise = new byte[1 << 16];
        new Random(3).nextBytes(noise);
        Files.write(garbage, noise);
        Outcome damaged = score("garbage", buildFlags(), concat(List.of("-XX:AOTCache=" + garbage), QUIET));

        assertArrayEquals(none.results(), training.results());
        assertEquals(none.summary(), training.summary());
        for (Outcome o : List.of(trained, deleted, damaged)) {
            assertSameAs(none, o);
        }
    }

    @Test
    void withoutTheVectorModuleASmallJobGivesTheSameResultsAndOneWantingAVectorKernelAsksForARestart() throws Exception {
        writeInputs();
        List<String> light = new ArrayList<>(buildFlags());
        assertTrue(light.remove("--add-modules=jdk.incubator.vector"), light.toString());
        light.add("-D" + VectorRestart.PROPERTY + "=75");
        light.add("-XX:+UseSerialGC");
        Path cache = dir.resolve("kldiv-light.aot");
        score("training", light, concat(List.of("-XX:AOTCacheOutput=" + cache), QUIET));

        Outcome none = score("none", buildFlags(), List.of());
        assertSameAs(none, score("light", light, concat(List.of("-XX:AOTCache=" + cache), QUIET)));
        // The smallest jobs also run without C2 (./kldiv adds this flag): C1's code computes the same bits.
        assertSameAs(none, score("light-c1", light, concat(List.of("-XX:AOTCache=" + cache, "-XX:TieredStopAtLevel=1"), QUIET)));

        Run restart = run("restart", light, List.of("-D" + Kernels.MODE_PROPERTY + "=simd"));
        assertEquals(75, restart.exit());
        assertEquals("", restart.stdout() + restart.stderr());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(f -> f.contains("restart")).toList());
        }
    }

    private void writeInputs() throws IOException {
        RandomRows rows = new RandomRows(7);
        double[][] p = new double[3000][];
        double[][] q = new double[3000][];
        for (int r = 0; r < p.length; r++) {
            p[r] = rows.probabilities(40, 0.1);
            q[r] = rows.probabilities(40, 0.0);
        }
        NpyFiles.write(dir.resolve("p.npy"), "<f8", p);
        NpyFiles.write(dir.resolve("q.npy"), "<f8", q);
        classpath = jarredClasspath();
    }

    private static void assertSameAs(Outcome expected, Outcome o) {
        assertArrayEquals(expected.results(), o.results());
        assertEquals(expected.summary(), o.summary());
        assertEquals(statistics(expected.stdout()), statistics(o.stdout()));
        assertFalse(o.stdout().toLowerCase().contains("aot") || o.stderr().toLowerCase().contains("aot"),
                o.stdout() + o.stderr());
    }

    record Run(int exit, String stdout, String stderr) {
    }

    /** Runs {@code kldiv score} in a new JVM with {@code flags} and {@code extra}, expecting success. */
    private Outcome score(String name, List<String> flags, List<String> extra) throws Exception {
        Run run = run(name, flags, extra);
        assertEquals(0, run.exit(), name + ": " + run.stdout() + run.stderr());
        ObjectNode summary = (ObjectNode) new ObjectMapper().readTree(dir.resolve(name + ".json").toFile());
        summary.remove(List.of("seconds", "gb_per_second", "warmup_seconds", "startup_seconds", "wall_seconds"));
        return new Outcome(run.stdout(), run.stderr(), Files.readAllBytes(dir.resolve(name + ".npy")), summary);
    }

    private Run run(String name, List<String> flags, List<String> extra) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(flags);
        command.add("-D" + BatchScorer.WARMUP_PROPERTY + "=off"); // saves seconds; warm-up changes no result either
        command.addAll(extra);
        command.addAll(List.of("-cp", classpath, Main.class.getName(), "score",
                "--p", dir.resolve("p.npy").toString(), "--q", dir.resolve("q.npy").toString(), "--measure", "kl,js",
                "--threads", "2", "--out", dir.resolve(name + ".npy").toString(),
                "--summary-json", dir.resolve(name + ".json").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), stdout, stderr.replace("WARNING: Using incubator modules: jdk.incubator.vector\n", ""));
    }

    /**
     * This JVM's classpath with every directory (Maven's target/classes) packed into a jar: the JDK only makes
     * or uses an AOT cache for a classpath of jars, as ./kldiv's is.
     */
    private String jarredClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
                continue;
            }
            Path jar = dir.resolve("classes-" + n++ + ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(path)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(path.relativize(file).toString().replace(File.separatorChar, '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            entries.add(jar.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The parent pom's kldiv.jvm.flags, as the CLI's build filtered them into its resources. */
    private static List<String> buildFlags() throws IOException {
        try (InputStream in = AotCacheTest.class.getResourceAsStream("/kldiv-jvm.flags")) {
            return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"));
        }
    }

    private static List<String> statistics(String stdout) {
        return stdout.lines().filter(l -> !l.startsWith("scored in") && !l.startsWith("wall ")).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
