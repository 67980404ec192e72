package io.kldiv.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a writer killed mid-write leaves, and what the next writer of the same destination does about it: a
 * second JVM ({@link HeldWriter}) maps and fills an output, and is killed, terminated or told to commit.
 */
class CrashLeftoversTest {
    private static final long LENGTH = 8L << 20;

    @TempDir
    Path dir;
    @TempDir
    Path logs;

    private List<String> namesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] filled(char c) {
        byte[] bytes = new byte[(int) LENGTH];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private void writeInProcess(Path destination, char c) throws IOException {
        try (MappedOutput output = MappedOutput.create(destination, LENGTH)) {
            output.segment(0, LENGTH).fill((byte) c);
            output.commit();
        }
    }

    private ChildJvm heldWriter(Path destination, char c) throws IOException {
        return ChildJvm.start(HeldWriter.class, logs.resolve(c + ".err"),
                destination.toString(), Long.toString(LENGTH), String.valueOf(c));
    }

    private static Path readyTemp(ChildJvm child) {
        String line = child.readLine();
        assertTrue(line.startsWith("ready "), line);
        return Path.of(line.substring("ready ".length()));
    }

    @Test
    void sigkillLeavesAnOrphanThatTheNextWriterRemoves() throws Exception {
        Path destination = dir.resolve("t.kls");
        writeInProcess(destination, 'A');
        Path orphan;
        try (ChildJvm child = heldWriter(destination, 'B')) {
            orphan = readyTemp(child);
            assertEquals(137, child.kill(), "SIGKILL");
        }
        assertTrue(Files.exists(orphan), "a killed writer cannot clean up: " + namesInDir());
        assertEquals(3, namesInDir().size(), "destination, orphaned temp file and its lock file: " + namesInDir());
        assertArrayEquals(filled('A'), Files.readAllBytes(destination), "the old file, not a torn one");

        writeInProcess(destination, 'C');
        assertEquals(List.of("t.kls"), namesInDir(), "the next writer removed the orphan");
        assertArrayEquals(filled('C'), Files.readAllBytes(destination));
    }

    @Test
    void aLiveWriterInAnotherProcessKeepsItsTempFile() throws Exception {
        Path destination = dir.resolve("out.npy");
        try (ChildJvm child = heldWriter(destination, 'B')) {
            Path childTemp = readyTemp(child);
            // Our writer sweeps before it creates its own temp file: the child's lock is held, so it is left alone.
            writeInProcess(destination, 'A');
            assertTrue(Files.exists(childTemp), "a live writer's temp file survives a sweep: " + namesInDir());
            assertArrayEquals(filled('A'), Files.readAllBytes(destination));
            child.send("commit");
            assertEquals("committed", child.readLine());
            assertEquals(0, child.waitFor(), child.stderrText());
        }
        assertArrayEquals(filled('B'), Files.readAllBytes(destination), "the last commit wins, whole");
        assertEquals(List.of("out.npy"), namesInDir());
    }

    @Test
    void twoLiveWritersInOneProcessKeepEachOthersTempFiles() throws IOException {
        Path destination = dir.resolve("out.csv");
        try (AtomicOutput first = AtomicOutput.create(destination); AtomicOutput second = AtomicOutput.create(destination)) {
            assertTrue(Files.exists(first.tempFile()));
            assertTrue(Files.exists(second.tempFile()));
            Files.writeString(first.tempFile(), "first");
            Files.writeString(second.tempFile(), "second");
            second.commit();
            try (AtomicOutput third = AtomicOutput.create(destination)) {
                assertTrue(Files.exists(first.tempFile()), "a third writer's sweep spares the live first one");
            }
            first.commit();
        }
        assertEquals("first", Files.readString(destination));
        assertEquals(List.of("out.csv"), namesInDir());
    }

    @Test
    void sigtermDeletesTheLiveTempFileAndExits143() throws Exception {
        Path destination = dir.resolve("t.kls");
        try (ChildJvm child = heldWriter(destination, 'B')) {
            Path temp = readyTemp(child);
            assertTrue(Files.exists(temp));
            assertEquals(143, child.terminate(), "128 + SIGTERM");
        }
        assertEquals(List.of(), namesInDir(), "no temp file, no lock file, no destination");
    }

    @Test
    void leftoversWithoutALockFileAndStaleLocksAreRemovedButNothingElse() throws IOException {
        Path destination = dir.resolve("t.kls");
        // Left by a writer without lock files (before they existed), and by one killed between its two files.
        Files.writeString(dir.resolve(".t.kls.0123456789abcdef.tmp"), "orphan");
        Files.writeString(dir.resolve(".t.kls.fedcba9876543210.lock"), "");
        // Not ours to judge: another destination's temp file, and names that only look similar.
        List<String> untouched = List.of(".t.kls.notes", ".t.kls.0123456789ABCDEF.tmp", ".t.kls.0123.tmp",
                ".u.kls.0123456789abcdef.tmp", "t.kls.0123456789abcdef.tmp", ".t.kls.0123456789abcdef0.tmp",
                ".t.kls.0123456789abcdef.tmp.bak", ".t.kls.0123456789abcdeg.lock", ".t.kls.0123456789abcdef.lck");
        for (String name : untouched) {
            Files.writeString(dir.resolve(name), "user");
        }
        try (AtomicOutput output = AtomicOutput.create(destination)) {
            Files.writeString(output.tempFile(), "new");
            output.commit();
        }
        List<String> expected = Stream.concat(untouched.stream(), Stream.of("t.kls")).sorted().toList();
        assertEquals(expected, namesInDir());
    }

    @Test
    void destinationNamesWithGlobCharactersAreSweptToo() throws IOException {
        Path destination = dir.resolve("r[1]{a,b}*.npy");
        Files.writeString(dir.resolve(".r[1]{a,b}*.npy.0123456789abcdef.tmp"), "orphan");
        try (AtomicOutput output = AtomicOutput.create(destination)) {
            Files.writeString(output.tempFile(), "new");
            output.commit();
        }
        assertEquals(List.of("r[1]{a,b}*.npy"), namesInDir());
    }
}
