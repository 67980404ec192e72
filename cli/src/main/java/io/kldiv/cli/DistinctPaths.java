package io.kldiv.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses outputs that are also inputs (or each other) before any work: publishing an output renames over its
 * destination, so {@code --out p.npy} with {@code --p p.npy} would silently replace the input with results.
 * Same file means the same file system object (hard links and symbolic links included), or the same path.
 */
final class DistinctPaths {
    private final Map<String, Path> inputs = new LinkedHashMap<>();
    private final Map<String, Path> outputs = new LinkedHashMap<>();

    DistinctPaths input(String option, Path path) {
        if (path != null) {
            inputs.put(option, path);
        }
        return this;
    }

    DistinctPaths output(String option, Path path) {
        if (path != null) {
            outputs.put(option, path);
        }
        return this;
    }

    void check() {
        var outputList = outputs.entrySet().stream().toList();
        for (int i = 0; i < outputList.size(); i++) {
            var out = outputList.get(i);
            for (var in : inputs.entrySet()) {
                if (same(out.getValue(), in.getValue())) {
                    throw new UsageException(out.getKey() + " " + out.getValue() + " is the input "
                            + in.getKey() + "; writing it would replace the input, choose another file");
                }
            }
            for (var other : outputList.subList(i + 1, outputList.size())) {
                if (same(out.getValue(), other.getValue())) {
                    throw new UsageException(out.getKey() + " and " + other.getKey()
                            + " name the same file " + out.getValue());
                }
            }
        }
    }

    private static boolean same(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException unreadable) {
            return false; // the reader or writer reports the real problem
        }
    }
}
