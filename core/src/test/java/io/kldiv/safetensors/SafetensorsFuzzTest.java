package io.kldiv.safetensors;

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
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged safetensors files, made by the seeded mutation fuzzer from a good one built by hand (metadata, a 1-D
 * F32 "bias" and a BF16 [2, 3] "logits" tensor after it, the header padded with spaces to a multiple of 8 as
 * the reference writer does): {@link SafetensorsArray#open} either maps exactly the good "logits" tensor or
 * rejects the file with a {@link SafetensorsFormatException} of one line naming it. The data section has no
 * checksum, so only the header is mutated in place; the fuzzer still truncates and extends the file.
 */
class SafetensorsFuzzTest {
    static final long SEED = 0x7374L;
    static final int ITERATIONS = 4000;
    static final byte[] DATA = new byte[20];

    static {
        ByteBuffer data = ByteBuffer.wrap(DATA).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(0.5f).putFloat(-2f);
        for (short bits : new short[] {0x3F80, (short) 0xBF00, 0x0001, 0x4049, 0x7F80, 0x0000}) {
            data.putShort(bits);
        }
    }

    @TempDir
    Path dir;

    static byte[] goodFile() {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + HandMadeSafetensors.entry("bias", "F32", "[2]", 0, 8) + ","
                + HandMadeSafetensors.entry("logits", "BF16", "[2,3]", 8, 20) + "}";
        header += " ".repeat((8 - header.length() % 8) % 8);
        return HandMadeSafetensors.bytes(header, DATA);
    }

    static int headerLength(byte[] file) {
        return (int) (8 + ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0));
    }

    /** Maps "logits" and reads every one of its bytes: anything but the good tensor is a finding. */
    static void readsTheGoodTensor(Path file) throws IOException {
        try (SafetensorsArray a = SafetensorsArray.open(file, "logits")) {
            assertEquals(Dtype.BFLOAT16, a.dtype());
            assertEquals(2, a.rows());
            assertEquals(3, a.cols());
            assertArrayEquals(Arrays.copyOfRange(DATA, 8, 20), a.data().toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void damagedFilesAreReadExactlyOrRejectedInOneLine() throws IOException {
        byte[] good = goodFile();
        assertEquals(0, headerLength(good) % 8, new String(good, StandardCharsets.UTF_8));
        readsTheGoodTensor(Files.write(dir.resolve("check.safetensors"), good));
        MutationFuzzer fuzzer = new MutationFuzzer(good, headerLength(good), false, UnaryOperator.identity());
        MutationFuzzer.Report report = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> fuzzer.run(SEED, ITERATIONS, dir, "fuzzed.safetensors", SafetensorsFuzzTest::readsTheGoodTensor));
        assertEquals(List.of(), report.findings(), "inputs the reader mishandled");
        assertTrue(report.rejected() > ITERATIONS / 2, "most damage is detected: " + report);
        assertTrue(report.accepted() > 0, "some damage is harmless (metadata, padding, an extension): " + report);
        // The kinds of damage the issue names show up among the rejections (overlapping tensors need two offsets
        // moved together, which single-byte damage does not do: the corpus holds a hand-made one).
        String kinds = String.join("\n", report.rejectionsByKind().keySet());
        for (String kind : List.of("damaged header JSON", "outside the", "unknown dtype", "runs past the end",
                "impossible header length", "needs", "truncated file")) {
            assertTrue(kinds.contains(kind), kind + " among:\n" + kinds);
        }
    }

    @Test
    void corpusOfDamagedSafetensorsFilesIsRejectedInOneLine() throws IOException {
        List<Path> corpus = FuzzCorpus.copy("safetensors", dir);
        assertFalse(corpus.isEmpty());
        for (Path file : corpus) {
            SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class,
                    () -> SafetensorsArray.open(file, "logits").close(), file.toString());
            assertTrue(e.getMessage().startsWith(file + ": ") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
