package io.kldiv.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.Dtype;
import io.kldiv.testing.FuzzCorpus;
import io.kldiv.testing.MutationFuzzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged .npy files, made by a seeded mutation fuzzer from a good one (float32, shape (4, 3), a 128-byte
 * version 1.0 header, built by hand): {@link NpyArray#open} either reads exactly the good array or rejects the
 * file with one line. The data section has no checksum, so mutations there are not the reader's to find; the
 * fuzzer still truncates and extends the file.
 */
class NpyHeaderFuzzTest {
    static final long SEED = 0x6e7079L;
    static final int ITERATIONS = 3000;
    static final float[] VALUES = {0.5f, 0.25f, 0.25f, 0.1f, 0.2f, 0.7f, 1f, 0f, 0f, 0.3f, 0.3f, 0.4f};

    @TempDir
    Path dir;

    static byte[] goodFile() {
        return HandMadeNpy.bytes(1, HandMadeNpy.dict("<f4", "(4, 3)"), 64, HandMadeNpy.floats(VALUES));
    }

    static void readsTheGoodArray(Path file) throws IOException {
        try (NpyArray array = NpyArray.open(file)) {
            assertEquals(Dtype.FLOAT32, array.dtype());
            assertEquals(4, array.rows());
            assertEquals(3, array.cols());
            assertArrayEquals(HandMadeNpy.floats(VALUES), array.data().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void damagedHeadersAreReadExactlyOrRejectedInOneLine() throws IOException {
        byte[] good = goodFile();
        Files.write(dir.resolve("check.npy"), good);
        readsTheGoodArray(dir.resolve("check.npy"));
        // Only the header is mutated in place (the data has no checksum); the format has nothing to repair.
        MutationFuzzer fuzzer = new MutationFuzzer(good, 128, false, UnaryOperator.identity());
        MutationFuzzer.Report report = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> fuzzer.run(SEED, ITERATIONS, dir, "fuzzed.npy", NpyHeaderFuzzTest::readsTheGoodArray));
        assertEquals(List.of(), report.findings(), "inputs the reader mishandled");
        assertTrue(report.rejected() > ITERATIONS / 2, "most damage is detected: " + report);
        assertTrue(report.accepted() > 0, "some damage is harmless (header padding): " + report);
    }

    @Test
    void corpusOfDamagedNpyFilesIsRejectedInOneLine() throws IOException {
        List<Path> corpus = FuzzCorpus.copy("npy", dir);
        assertFalse(corpus.isEmpty());
        for (Path file : corpus) {
            IOException e = assertThrows(IOException.class, () -> NpyArray.open(file).close(), file.toString());
            assertTrue(e.getMessage().startsWith(file + ": ") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
