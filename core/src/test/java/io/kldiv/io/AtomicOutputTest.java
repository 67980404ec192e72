package io.kldiv.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @TempDir
    Path dir;

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void commitReplacesTheDestinationInOneStep() throws IOException {
        Path destination = Files.writeString(dir.resolve("out.csv"), "old");
        try (AtomicOutput output = AtomicOutput.create(destination)) {
            assertEquals(dir, output.tempFile().getParent(), "same directory, so the rename is atomic");
            assertTrue(output.tempFile().getFileName().toString().startsWith(".out.csv."));
            Files.writeString(output.tempFile(), "new");
            assertEquals("old", Files.readString(destination));
            output.commit();
            assertTrue(output.isCommitted());
            assertThrows(IllegalStateException.class, output::commit);
        }
        assertEquals("new", Files.readString(destination));
        assertEquals(List.of(destination), filesInDir());
    }

    @Test
    void closeWithoutCommitLeavesNoTrace() throws IOException {
        Path destination = dir.resolve("out.json");
        try (AtomicOutput output = AtomicOutput.create(destination)) {
            Files.writeString(output.tempFile(), "partial");
        }
        assertFalse(Files.exists(destination));
        assertEquals(List.of(), filesInDir());
    }
}
