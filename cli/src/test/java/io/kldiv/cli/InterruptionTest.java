package io.kldiv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM during a write: exit 143, one line on stderr, and the unfinished output's files are gone. */
class InterruptionTest {
    @TempDir
    Path dir;

    @Test
    void sigtermExits143WithOneLineAndNoTempFile() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path err = dir.resolve("stderr.txt");
        try (ChildJvm child = ChildJvm.start(InterruptedWriter.class, err, out.resolve("r.csv").toString())) {
            String ready = child.readLine();
            assertTrue(ready.startsWith("ready ") && Files.exists(Path.of(ready.substring(6))), ready);
            assertEquals(143, child.terminate());
        }
        // The JVM's own notice about the incubator module is not kldiv's to remove.
        List<String> lines = Files.readAllLines(err).stream()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        assertEquals(List.of("kldiv: interrupted by a signal; unfinished output files were removed"), lines);
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
