package io.kldiv.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kldiv.testing.FuzzCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs and outputs that are not what a user meant: special files, an output that is an input, an output
 * where nothing can be written, damaged files from the fuzz corpus. Each gets one line on stderr and a non-zero
 * exit, never a stack trace or a hang, and the inputs are left exactly as they were.
 */
@Timeout(60)
class HostileFilesTest {
    @TempDir
    Path dir;

    private Path pFile;
    private Path qFile;
    private byte[] pBytes;
    private byte[] qBytes;

    @BeforeEach
    void writeInputs() throws IOException {
        double[][] p = {{0.5, 0.25, 0.25}, {0.1, 0.2, 0.7}, {1, 0, 0}, {0.3, 0.3, 0.4}};
        double[][] q = {{0.25, 0.5, 0.25}, {0.2, 0.2, 0.6}, {0.5, 0.5, 0}, {0.4, 0.3, 0.3}};
        pFile = dir.resolve("p.npy");
        qFile = dir.resolve("q.npy");
        NpyFiles.write(pFile, "<f4", p);
        NpyFiles.write(qFile, "<f4", q);
        pBytes = Files.readAllBytes(pFile);
        qBytes = Files.readAllBytes(qFile);
    }

    /** Runs kldiv and checks the failure: the exit code, one line on stderr, inputs untouched; returns the line. */
    private String fails(int exit, String... args) throws IOException {
        CliTest.Run run = CliTest.kldiv(args);
        assertEquals(exit, run.exit(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), "one line on stderr: " + run.err());
        assertTrue(lines.getFirst().startsWith("kldiv: "), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertArrayEquals(pBytes, Files.readAllBytes(pFile), "p.npy untouched");
        assertArrayEquals(qBytes, Files.readAllBytes(qFile), "q.npy untouched");
        return lines.getFirst();
    }

    private List<String> namesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void fifoAsInputIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo.npy");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        // Opening a FIFO for reading blocks until a writer comes; kldiv must not even try.
        String line = fails(1, "score", "--p", fifo.toString(), "--q", qFile.toString());
        assertTrue(line.contains(fifo + ": is a named pipe (FIFO), not a regular file"), line);
        line = fails(1, "import", "--p", pFile.toString(), "--q", fifo.toString(), "--out", dir.resolve("t.kls").toString());
        assertTrue(line.contains("named pipe"), line);
        assertFalse(Files.exists(dir.resolve("t.kls")));
    }

    @Test
    void fifoNamedAsAnotherFormatIsRefusedWithoutBlocking() throws Exception {
        for (String name : List.of("fifo.kld", "fifo.safetensors", "fifo.bin")) {
            Path fifo = dir.resolve(name);
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
            assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
            // Told apart by name (.kld, .safetensors) or looked into for a magic (the rest): neither may open it.
            String line = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                    () -> fails(1, "score", "--p", fifo.toString(), "--q", qFile.toString()));
            assertTrue(line.contains(fifo + ": is a named pipe (FIFO), not a regular file"), line);
        }
    }

    @Test
    void directoryAsInputIsRefused() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub.npy"));
        assertTrue(fails(1, "score", "--p", sub.toString(), "--q", qFile.toString()).contains("is a directory"));
        assertTrue(fails(1, "score", "--store", sub.toString()).contains("is a directory"));
    }

    @Test
    void devZeroAsInputIsRefused() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here");
        assertTrue(fails(1, "score", "--p", qFile.toString(), "--q", zero.toString()).contains("character device"));
        assertTrue(fails(1, "score", "--store", zero.toString()).contains("character device"));
        assertTrue(fails(1, "info", zero.toString()).contains("character device"));
    }

    @Test
    void anOutputThatIsAnInputIsAUsageError() throws IOException {
        String line = fails(2, "score", "--p", pFile.toString(), "--q", qFile.toString(), "--out", pFile.toString());
        assertTrue(line.contains("--out " + pFile + " is the input --p"), line);
        // The same file under another name: a relative path and a hard link.
        Path link = Files.createLink(dir.resolve("q-link.npy"), qFile);
        line = fails(2, "score", "--p", pFile.toString(), "--q", qFile.toString(), "--out", link.toString());
        assertTrue(line.contains("is the input --q"), line);
        line = fails(2, "import", "--p", pFile.toString(), "--q", qFile.toString(), "--out", qFile.toString());
        assertTrue(line.contains("is the input --q"), line);
        line = fails(2, "score", "--p", pFile.toString(), "--q", qFile.toString(), "--out", dir.resolve("r.csv").toString(),
                "--summary-json", dir.resolve("r.csv").toString());
        assertTrue(line.contains("--out and --summary-json name the same file"), line);
        assertEquals(List.of("p.npy", "q-link.npy", "q.npy"), namesInDir());
    }

    @Test
    void outputInAMissingDirectoryNamesTheDirectory() throws IOException {
        Path out = dir.resolve("missing").resolve("r.npy");
        String line = fails(1, "score", "--p", pFile.toString(), "--q", qFile.toString(), "--out", out.toString());
        assertEquals("kldiv: " + out + ": cannot write: directory " + out.getParent() + " does not exist", line);
        line = fails(1, "import", "--p", pFile.toString(), "--q", qFile.toString(), "--out", dir.resolve("p.npy/t.kls").toString());
        assertTrue(line.contains("is not a directory"), line);
        assertEquals(List.of("p.npy", "q.npy"), namesInDir());
    }

    @Test
    void outputOverADeviceIsRefused() throws IOException {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull), "no /dev/null here");
        // A rename over /dev/null would replace the device node (as root); outputs replace regular files only.
        String line = fails(1, "import", "--p", pFile.toString(), "--q", qFile.toString(), "--out", devNull.toString());
        assertTrue(line.contains("/dev/null: cannot write: it is a character device"), line);
    }

    @Test
    void outputInAReadOnlyDirectoryIsPermissionDenied() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // Root (CAP_DAC_OVERRIDE) writes into a mode-555 directory anyway, so the check cannot be shown as root;
            // outputInADirectoryEvenRootCannotWriteIsRefused covers root.
            assumeFalse(canCreateFileIn(readOnly), "running with root's permissions: a read-only mode does not stop us");
            Path out = readOnly.resolve("r.csv");
            String line = fails(1, "score", "--p", pFile.toString(), "--q", qFile.toString(), "--out", out.toString());
            assertEquals("kldiv: " + out + ": cannot create a file in " + readOnly + ": permission denied", line);
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void outputInADirectoryEvenRootCannotWriteIsRefused() throws IOException {
        // sysfs refuses to create regular files for every user, root included: an honest unwritable directory.
        Path sys = Path.of("/sys");
        assumeTrue(Files.isDirectory(sys) && !canCreateFileIn(sys), "no unwritable /sys here");
        Path out = sys.resolve("kldiv-test-out.npy");
        String line = fails(1, "score", "--p", pFile.toString(), "--q", qFile.toString(), "--out", out.toString());
        assertTrue(line.startsWith("kldiv: " + out + ": cannot create a file in /sys: "), line);
        assertFalse(Files.exists(out));
    }

    private static boolean canCreateFileIn(Path directory) {
        Path probe = directory.resolve(".kldiv-probe-" + ProcessHandle.current().pid());
        try {
            Files.createFile(probe);
            Files.delete(probe);
            return true;
        } catch (IOException denied) {
            return false;
        }
    }

    @Test
    void fuzzCorpusFailsInOneLineThroughTheCli() throws IOException {
        Path corpus = Files.createDirectory(dir.resolve("corpus"));
        List<Path> tables = FuzzCorpus.copy("store", corpus);
        assertFalse(tables.isEmpty());
        for (Path table : tables) {
            String line = fails(1, "score", "--store", table.toString(), "--out", dir.resolve("r.npy").toString());
            assertTrue(line.startsWith("kldiv: " + table + ": "), line);
            assertTrue(fails(1, "info", table.toString()).startsWith("kldiv: " + table + ": "));
        }
        List<Path> arrays = FuzzCorpus.copy("npy", corpus);
        assertFalse(arrays.isEmpty());
        for (Path array : arrays) {
            String line = fails(1, "score", "--p", array.toString(), "--q", qFile.toString());
            assertTrue(line.startsWith("kldiv: " + array + ": "), line);
            line = fails(1, "import", "--p", pFile.toString(), "--q", array.toString(), "--out", dir.resolve("t.kls").toString());
            assertTrue(line.startsWith("kldiv: " + array + ": "), line);
        }
        // Damaged safetensors files name their tensor: without a name, one whose name was damaged would be the file's
        // only 2-D tensor, and valid.
        Path good = corpus.resolve("good.safetensors");
        String header = "{\"logits\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";
        Files.write(good, java.nio.ByteBuffer.allocate(8 + header.length() + 24).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length()).put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).array());
        List<Path> tensors = FuzzCorpus.copy("safetensors", corpus);
        assertFalse(tensors.isEmpty());
        for (Path tensor : tensors) {
            String line = fails(1, "score", "--p", tensor + ":logits", "--q", good + ":logits");
            assertTrue(line.startsWith("kldiv: " + tensor + ": "), line);
        }
        assertEquals(List.of("corpus", "p.npy", "q.npy"), namesInDir(), "no output, no temp file");
    }
}
