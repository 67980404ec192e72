package io.kldiv.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.Kernels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A row's result does not depend on how far the JIT has got: the same rows give the same bits interpreted
 * (-Xint), under C1 alone (the Vector API's Java fallback runs there too), after C2 has compiled the kernel in
 * this JVM, and after C2 has compiled it under ./kldiv's compiler options for vector jobs (the Vector API's methods
 * left to C1, lower thresholds for the kernel's loops).
 * Each runs in a JVM of its own, with this JVM's flags (so the same kernel and width are chosen).
 */
class JitTierIndependenceTest {
    /** ./kldiv's compiler directives, kept with the CLI's JVM settings. */
    private static final Path DIRECTIVES =
            Path.of("..", "cli", "src", "main", "resources", "kldiv-compiler-directives.json").toAbsolutePath().normalize();

    @Test
    void interpretedC1AndC2GiveTheSameBits() throws Exception {
        Kernel kernel = Kernels.best().kernel();
        List<Long> compiled = null;
        for (int round = 0; round < 300; round++) { // long enough for C2 to compile the vector loops
            compiled = TierProbe.score(kernel);
        }
        List<Long> interpreted = probe(List.of("-Xint"), kernel, 1);
        List<Long> c1 = probe(List.of("-XX:TieredStopAtLevel=1"), kernel, 1);
        assertTrue(Files.isRegularFile(DIRECTIVES), DIRECTIVES.toString());
        // As ./kldiv starts a job with the Vector API module.
        List<Long> directed = probe(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput",
                "-XX:CompilerDirectivesFile=" + DIRECTIVES,
                "-XX:CompileCommand=CompileThresholdScaling,io.kldiv.simd.*::*Loop,0.1"), kernel, 300);
        for (int i = 0; i < compiled.size(); i++) {
            assertEquals(Long.toHexString(interpreted.get(i)), Long.toHexString(compiled.get(i)), "result " + i + " interpreted vs C2");
            assertEquals(Long.toHexString(c1.get(i)), Long.toHexString(compiled.get(i)), "result " + i + " C1 vs C2");
            assertEquals(Long.toHexString(directed.get(i)), Long.toHexString(compiled.get(i)), "result " + i + " directed C2 vs C2");
        }
        assertEquals(compiled.size(), interpreted.size());
        assertEquals(compiled.size(), c1.size());
        assertEquals(compiled.size(), directed.size());
    }

    private static List<Long> probe(List<String> tier, Kernel kernel, int rounds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        command.addAll(tier);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TierProbe.class.getName());
        command.add(kernel.name());
        command.add(Integer.toString(rounds));
        Path errors = Files.createTempFile("tier-probe", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(tier + " probe failed (exit " + process.exitValue() + "): " + Files.readString(errors));
            }
            return parse(out);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static List<Long> parse(String out) {
        List<Long> bits = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                bits.add(Long.parseUnsignedLong(line.trim(), 16));
            }
        }
        return bits;
    }
}
