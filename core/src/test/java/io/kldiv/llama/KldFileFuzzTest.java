package io.kldiv.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Damaged llama.cpp KL-divergence base files, made by the seeded mutation fuzzer from a good one written by
 * {@link HandMadeKld}: opened as q beside the good file as p ({@link KldPair#open}, which also checks that both
 * score the same tokens), a damaged file either reads back exactly the good file's rows and tokens or is
 * rejected with a {@link KldFormatException} of one line naming it. The rows carry no checksum, so in-place
 * damage goes to the header and the tokens; the fuzzer also truncates and extends the file.
 */
class KldFileFuzzTest {
    static final long SEED = 0x6b6cL;
    static final int ITERATIONS = 3000;
    static final int N_CTX = 8;
    static final int VOCAB = 5;
    static final int N_CHUNK = 2;
    static final int[] TOKENS = {1, 4, 0, 2, 3, 3, 1, 0, 2, 2, 4, 1, 0, 3, 1, 4};
    static final float[][] LOGITS = {
        {0f, 1f, 2f, 3f, 4f}, {4f, -1f, 0.5f, 0.5f, 2f}, {-30f, 0f, 0f, 0f, 1f},
        {1f, 1f, 1f, 1f, 1f}, {2f, 7f, -3f, 0.25f, 6.5f}, {0f, -20f, 3f, 3f, -1f},
    };

    @TempDir
    Path dir;

    @Test
    void damagedFilesAreReadExactlyOrRejectedInOneLine() throws IOException {
        byte[] good = HandMadeKld.bytes(N_CTX, VOCAB, N_CHUNK, TOKENS, LOGITS);
        Path p = Files.write(dir.resolve("p.kld"), good);
        readsTheGoodFile(p, Files.write(dir.resolve("check.kld"), good));
        int headerAndTokens = 20 + TOKENS.length * Integer.BYTES;
        MutationFuzzer fuzzer = new MutationFuzzer(good, headerAndTokens, false, UnaryOperator.identity());
        MutationFuzzer.Report report = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> fuzzer.run(SEED, ITERATIONS, dir, "fuzzed.kld", q -> readsTheGoodFile(p, q)));
        assertEquals(List.of(), report.findings(), "inputs the reader mishandled");
        assertTrue(report.rejected() > ITERATIONS / 2, "most damage is detected: " + report);
        String kinds = String.join("\n", report.rejectionsByKind().keySet());
        // A changed n_ctx, n_vocab or n_chunk changes the size the file should have: it fails that check first.
        for (String kind : List.of("not a llama.cpp KL-divergence base file", "impossible header", "truncated file",
                "unexpected trailing data", "token #")) {
            assertTrue(kinds.contains(kind), kind + " among:\n" + kinds);
        }
    }

    /** Opens {@code q} beside the good {@code p} and reads every row and token: anything else than the good file's is a finding. */
    static void readsTheGoodFile(Path p, Path q) throws IOException {
        try (KldPair pair = KldPair.open(p, q, Double.NaN)) {
            KldFile file = pair.q();
            assertEquals(N_CTX, file.nCtx());
            assertEquals(VOCAB, file.vocab());
            assertEquals(N_CHUNK, file.nChunk());
            assertEquals(LOGITS.length, file.rows());
            double[] row = new double[VOCAB];
            for (int r = 0; r < LOGITS.length; r++) {
                file.logProbs(r, row);
                assertArrayEquals(HandMadeKld.quantize(LOGITS[r]).logProbs(), row, "row " + r);
                assertEquals(HandMadeKld.nextToken(TOKENS, N_CTX, r), file.nextToken(r), "row " + r);
            }
        }
    }
}
