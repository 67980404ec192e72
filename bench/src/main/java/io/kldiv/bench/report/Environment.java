package io.kldiv.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the report says about the machine: CPU model, logical CPUs and the preferred vector width. */
final class Environment {
    private Environment() {
    }

    static String cpu() {
        String model = null;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall back to what the JVM knows.
        }
        if (model == null) {
            model = System.getProperty("os.arch");
        }
        return model + ", " + Runtime.getRuntime().availableProcessors() + " logical CPUs";
    }

    /** The preferred vector shape, or a reason when the Vector API module is not readable here. */
    static String vectorWidth() {
        try {
            Class<?> shape = Class.forName("jdk.incubator.vector.VectorShape");
            Object preferred = shape.getMethod("preferredShape").invoke(null);
            int bits = (int) shape.getMethod("vectorBitSize").invoke(preferred);
            return bits + " bits (" + bits / 32 + " float32 / " + bits / 64 + " float64 lanes)";
        } catch (ReflectiveOperationException | LinkageError e) {
            return "unknown (run with --add-modules=jdk.incubator.vector)";
        }
    }
}
