package io.kldiv.cli;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Synthetic model outputs shaped like the real thing: a teacher's logits with a heavy right tail (a few strong
 * candidates above a broad Gaussian floor), and a student that is the teacher quantized to a coarse grid with
 * a little noise, as a low-bit model's logits drift from its original. Rows are generated in blocks, each from
 * its own seed, so the data is the same whatever the thread count.
 */
final class DemoData {
    private static final long ROWS_PER_BLOCK = 4096;
    private static final double FLOOR_SCALE = 2.0;
    private static final double CANDIDATE_RATE = 0.01;
    /** A 16-bit uniform below this is a candidate: probability CANDIDATE_RATE. */
    private static final long CANDIDATE_THRESHOLD = Math.round(CANDIDATE_RATE * 65536);
    private static final double SQRT3 = Math.sqrt(3.0);
    private static final double CANDIDATE_BOOST = 8.0;
    private static final double QUANTUM = 0.25;
    private static final double NOISE = 0.15;

    private DemoData() {
    }

    /** Fills {@code rows} rows of {@code k} float32 logits for teacher and student, in parallel. */
    static void generate(MemorySegment teacher, MemorySegment student, int k, long rows, long seed, int threads) {
        long blocks = (rows + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
        Runnable work = () -> LongStream.range(0, blocks).parallel().forEach(b -> {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + b);
            long end = Math.min(rows, (b + 1) * ROWS_PER_BLOCK);
            for (long r = b * ROWS_PER_BLOCK; r < end; r++) {
                long offset = r * k * Float.BYTES;
                for (int i = 0; i < k; i++) {
                    // Two 64-bit draws per value instead of a Gaussian and two doubles: generation took longer
                    // than scoring. The floor is Irwin-Hall(4), four 16-bit uniforms summed and scaled to unit
                    // variance (a Gaussian to the eye, bounded at 3.5 sigma); the rare candidate keeps a true
                    // Gaussian boost.
                    long bits = random.nextLong();
                    double a = FLOOR_SCALE * SQRT3 * ((sixteenBits(bits, 0) + sixteenBits(bits, 16) + sixteenBits(bits, 32)
                            + sixteenBits(bits, 48)) * 0x1p-16 - 2.0);
                    long more = random.nextLong();
                    if (sixteenBits(more, 0) < CANDIDATE_THRESHOLD) {
                        a += CANDIDATE_BOOST + 2.0 * random.nextGaussian();
                    }
                    double noise = (more >>> 16) * 0x1p-48; // uniform in [0, 1), from the bits the candidate test left
                    double s = Math.rint(a / QUANTUM) * QUANTUM + NOISE * (noise - 0.5);
                    long at = offset + (long) i * Float.BYTES;
                    teacher.set(ValueLayout.JAVA_FLOAT_UNALIGNED, at, (float) a);
                    student.set(ValueLayout.JAVA_FLOAT_UNALIGNED, at, (float) s);
                }
            }
        });
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            pool.submit(work).join();
        } finally {
            pool.shutdown();
        }
    }

    private static long sixteenBits(long bits, int from) {
        return (bits >>> from) & 0xFFFF;
    }
}
