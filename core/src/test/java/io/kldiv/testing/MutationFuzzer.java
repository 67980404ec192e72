package io.kldiv.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A seeded mutation fuzzer for file readers, run as an ordinary test: a fixed seed and a bounded number of
 * iterations, so a run is repeatable and takes seconds. Each iteration applies one to three mutations to a
 * good file (bit flips, random bytes, interesting integers over header fields, truncation, extension), writes
 * it, and hands it to a {@link Target}. The contract every reader must keep:
 * <ul>
 *   <li>accept the file only if it reads back exactly what the good file holds (damage in padding), which the
 *       target checks itself, or</li>
 *   <li>reject it with an {@link IOException} whose message is one line starting with the file's path.</li>
 * </ul>
 * Anything else (another exception, an error, a different result) is a finding. Adding a reader takes a
 * target, a good file and the length of its header. Rejected inputs with distinct messages can be saved as a
 * corpus ({@code -Dkldiv.fuzz.save=DIR}).
 *
 * <p>Not Jazzer: in an ordinary test run its {@code @FuzzTest} only replays the seed corpus; fuzzing needs
 * {@code JAZZER_FUZZ=1} and then fuzzes a single test per run (jazzer issues #599, #933), plus a native agent.
 */
public final class MutationFuzzer {
    /** Reads {@code file}; returns if it read the good file's content, throws IOException if it rejected it. */
    @FunctionalInterface
    public interface Target {
        void read(Path file) throws IOException;
    }

    /** An input the reader mishandled, with the mutations that made it. */
    public record Finding(String mutations, byte[] input, Throwable problem) {
        @Override
        public String toString() {
            return mutations + " -> " + problem;
        }
    }

    /** What a run did: how many inputs were accepted, how many rejected, and what went wrong. */
    public record Report(int accepted, int rejected, List<Finding> findings, Map<String, byte[]> rejectionsByKind) {
    }

    private static final long[] INTERESTING = {0, 1, -1, 2, 63, 64, 65, 127, 128, 255, 256, 32767, 32768, 65535, 65536,
        Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFFFFFFL, 1L << 31, 1L << 32, (1L << 32) + 1, 1L << 40, 1L << 62,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE / 2, Long.MAX_VALUE / 4 + 1, Long.MAX_VALUE / 8 + 1};

    private final byte[] original;
    private final int headerLength;
    private final boolean mutateData;
    private final UnaryOperator<byte[]> repair;

    /**
     * @param original     a good file
     * @param headerLength where in-place mutations land: the header's first bytes
     * @param mutateData   whether one in four in-place mutations may hit the data too: only for formats whose
     *                     data is checksummed, as otherwise a changed value is undetectable by design
     * @param repair       applied to half the inputs after mutating, e.g. to fix a header checksum so the checks
     *                     behind it are reached; identity if the format has none
     */
    public MutationFuzzer(byte[] original, int headerLength, boolean mutateData, UnaryOperator<byte[]> repair) {
        this.original = original.clone();
        this.headerLength = Math.min(headerLength, original.length);
        this.mutateData = mutateData;
        this.repair = repair;
    }

    public Report run(long seed, int iterations, Path workDir, String fileName, Target target) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Path file = workDir.resolve(fileName);
        int accepted = 0;
        int rejected = 0;
        List<Finding> findings = new ArrayList<>();
        Map<String, byte[]> rejectionsByKind = new LinkedHashMap<>();
        for (int i = 0; i < iterations; i++) {
            StringBuilder how = new StringBuilder("#" + i);
            byte[] input = original;
            int count = 1 + random.nextInt(3);
            for (int m = 0; m < count; m++) {
                input = mutate(input, random, how);
            }
            if (random.nextBoolean()) {
                input = repair.apply(input);
                how.append(" repaired");
            }
            Files.write(file, input);
            try {
                target.read(file);
                accepted++;
            } catch (IOException e) {
                String message = String.valueOf(e.getMessage());
                if (message.contains("\n") || !message.startsWith(file + ": ")) {
                    findings.add(new Finding(how.toString(), input, new AssertionError("not a one-line message naming the file: " + message, e)));
                } else {
                    rejected++;
                    rejectionsByKind.putIfAbsent(kind(message.substring(file.toString().length())), input);
                }
            } catch (Throwable t) {
                findings.add(new Finding(how.toString(), input, t));
            }
        }
        saveCorpus(fileName, rejectionsByKind);
        return new Report(accepted, rejected, findings, rejectionsByKind);
    }

    private byte[] mutate(byte[] input, SplittableRandom random, StringBuilder how) {
        // The header is where the reader's decisions are made.
        boolean anywhere = mutateData && random.nextInt(4) == 0;
        int span = anywhere ? input.length : Math.min(headerLength, input.length);
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                if (span == 0) {
                    return input;
                }
                byte[] out = input.clone();
                int at = random.nextInt(span);
                int bit = random.nextInt(8);
                out[at] ^= (byte) (1 << bit);
                how.append(" flip@").append(at).append('.').append(bit);
                return out;
            }
            case 2 -> {
                if (span == 0) {
                    return input;
                }
                byte[] out = input.clone();
                int at = random.nextInt(span);
                out[at] = (byte) random.nextInt(256);
                how.append(" byte@").append(at).append('=').append(out[at] & 0xFF);
                return out;
            }
            case 3 -> {
                int width = random.nextBoolean() ? 4 : 8;
                if (span < width) {
                    return input;
                }
                byte[] out = input.clone();
                int at = random.nextInt(span - width + 1);
                if (random.nextBoolean()) {
                    at &= -4; // header fields are 4-byte aligned in the formats read here
                }
                long value = INTERESTING[random.nextInt(INTERESTING.length)];
                ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
                if (width == 4) {
                    b.putInt(at, (int) value);
                } else {
                    b.putLong(at, value);
                }
                how.append(" int").append(width * 8).append('@').append(at).append('=').append(value);
                return out;
            }
            case 4 -> {
                int length = input.length == 0 ? 0 : random.nextInt(input.length);
                how.append(" truncate=").append(length);
                return Arrays.copyOf(input, length);
            }
            default -> {
                int extra = 1 + random.nextInt(random.nextBoolean() ? 8 : 4096);
                byte[] out = Arrays.copyOf(input, input.length + extra);
                boolean noise = random.nextBoolean();
                for (int i = input.length; i < out.length; i++) {
                    // Where a truncation cut the data off, unchecksummed data grows back as it was.
                    out[i] = !mutateData && i < original.length ? original[i] : noise ? (byte) random.nextInt(256) : 0;
                }
                how.append(" extend+").append(extra);
                return out;
            }
        }
    }

    /** A message's gist: numbers and names blanked, details after the first " (" or ": " dropped. */
    private static String kind(String message) {
        String gist = message.substring(2).split(" \\(|: |; ", 2)[0];
        return gist.replaceAll("0x[0-9a-f]+|-?\\d+", "#").replaceAll("'[^']*'", "'_'");
    }

    private static void saveCorpus(String fileName, Map<String, byte[]> rejectionsByKind) throws IOException {
        String dir = System.getProperty("kldiv.fuzz.save");
        if (dir == null) {
            return;
        }
        Path out = Files.createDirectories(Path.of(dir));
        int i = 0;
        for (byte[] input : rejectionsByKind.values()) {
            Files.write(out.resolve(String.format("%02d-%s", i++, fileName)), input);
        }
    }
}
