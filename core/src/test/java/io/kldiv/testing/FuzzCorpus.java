package io.kldiv.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checked-in damaged files the fuzzers found ({@code src/test/resources/fuzz-corpus/<reader>/}, listed in
 * its {@code index.txt}), read from the class path so the CLI's tests can replay them from core's test jar.
 */
public final class FuzzCorpus {
    private FuzzCorpus() {
    }

    /** Copies the corpus of {@code reader} ("store", "npy") into {@code dir} and returns the copies. */
    public static List<Path> copy(String reader, Path dir) throws IOException {
        List<Path> copies = new ArrayList<>();
        for (String name : index(reader)) {
            try (InputStream in = resource(reader + "/" + name)) {
                Path copy = dir.resolve(reader + "-" + name);
                Files.copy(in, copy);
                copies.add(copy);
            }
        }
        return copies;
    }

    private static List<String> index(String reader) throws IOException {
        try (InputStream in = resource(reader + "/index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = FuzzCorpus.class.getResourceAsStream("/fuzz-corpus/" + name);
        if (in == null) {
            throw new IOException("no test resource fuzz-corpus/" + name);
        }
        return in;
    }
}
