package io.kldiv.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a test class's main, started with this JVM's java, flags (Surefire passes the parent
 * pom's kldiv.jvm.flags) and class path: for what only another process can show, such as being killed or
 * holding a lock. Its stdout is read line by line; its stderr is kept for assertions.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader stdout;
    private final Path stderr;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderr = stderr;
    }

    /** Starts {@code mainClass} with {@code args}; its stderr goes to {@code stderr}. */
    public static ChildJvm start(Class<?> mainClass, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:jdwp")).toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new ChildJvm(process, stderr);
    }

    /** The next line the child prints, waiting for it; fails the test if the child ends first. */
    public String readLine() {
        try {
            String line = stdout.readLine();
            if (line == null) {
                throw new AssertionError("child ended early, exit " + process.waitFor() + ": " + stderrText());
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** SIGKILL on Linux: no shutdown hook runs. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return waitFor();
    }

    /** SIGTERM on Linux: the JVM runs its shutdown hooks. */
    public int terminate() throws InterruptedException {
        process.destroy();
        return waitFor();
    }

    public int waitFor() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child did not end within 60 s");
        }
        return process.exitValue();
    }

    public String stderrText() {
        try {
            return java.nio.file.Files.readString(stderr);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
