package io.kldiv.cli;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;

/**
 * Synthetic model outputs shaped like the real thing: a teacher's logits with a heavy right tail (a few strong
 * candidates above a broad Gaussian-like floor), and a student that is the teacher quantized to a coarse grid with
 * a little noise, as a low-bit model's logits drift from its original. Rows are generated in blocks, each from
 * its own seed, so the data is the same whatever the thread count.
 *
 * <p>Generating used to take longer than scoring, so it is lean: one 64-bit draw per value from a SplitMix64
 * sequence kept in a local variable (a {@code SplittableRandom} that escapes keeps its seed in memory, and every
 * draw waited for the previous one's store), rows built in float arrays and copied into the columns in bulk.
 */
final class DemoData {
    private static final long ROWS_PER_BLOCK = 4096;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double FLOOR_SCALE = 2.0;
    private static final double CANDIDATE_RATE = 0.01;
    /** A 16-bit uniform below this is a candidate: probability CANDIDATE_RATE. */
    private static final long CANDIDATE_THRESHOLD = Math.round(CANDIDATE_RATE * 65536);
    private static final double CANDIDATE_BOOST = 8.0;
    private static final double CANDIDATE_SPREAD = 2.0;
    private static final double QUANTUM = 0.25;
    private static final double NOISE = 0.15;

    private DemoData() {
    }

    /** Fills {@code rows} rows of {@code k} float32 logits for teacher and student, in parallel. */
    static void generate(MemorySegment teacher, MemorySegment student, int k, long rows, long seed, int threads) {
        long blocks = (rows + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
        Runnable work = () -> LongStream.range(0, blocks).parallel().forEach(b -> {
            float[] t = new float[k];
            float[] s = new float[k];
            long state = mix64(seed * GOLDEN_GAMMA + b); // the block's own sequence
            long end = Math.min(rows, (b + 1) * ROWS_PER_BLOCK);
            for (long r = b * ROWS_PER_BLOCK; r < end; r++) {
                state = row(state, t, s);
                long offset = r * k * Float.BYTES;
                MemorySegment.copy(t, 0, teacher, ValueLayout.JAVA_FLOAT_UNALIGNED, offset, k);
                MemorySegment.copy(s, 0, student, ValueLayout.JAVA_FLOAT_UNALIGNED, offset, k);
            }
        });
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(work).join();
        } finally {
            pool.shutdown();
        }
    }

    /** One row of teacher and student logits from the sequence at {@code state}; returns the state after it. */
    private static long row(long state, float[] teacher, float[] student) {
        for (int i = 0; i < teacher.length; i++) {
            state += GOLDEN_GAMMA;
            long bits = mix64(state);
            // The floor is Irwin-Hall(3), three 16-bit uniforms summed and scaled to unit variance (bell-shaped,
            // bounded at 3 sigma); the last 16 bits pick the rare candidate, and otherwise give the student's
            // noise, uniform in [0, 1).
            double a = FLOOR_SCALE * unitIrwinHall(bits);
            long last = bits >>> 48;
            double noise;
            if (last < CANDIDATE_THRESHOLD) {
                state += GOLDEN_GAMMA;
                long more = mix64(state);
                a += CANDIDATE_BOOST + CANDIDATE_SPREAD * unitIrwinHall(more);
                noise = (more >>> 48) * 0x1p-16;
            } else {
                noise = (last - CANDIDATE_THRESHOLD) * (1.0 / (65536 - CANDIDATE_THRESHOLD));
            }
            teacher[i] = (float) a;
            student[i] = (float) (Math.rint(a * (1 / QUANTUM)) * QUANTUM + NOISE * (noise - 0.5));
        }
        return state;
    }

    /** Irwin-Hall(3) of the low 48 bits, scaled to mean 0 and variance 1. */
    private static double unitIrwinHall(long bits) {
        long sum = (bits & 0xFFFF) + ((bits >>> 16) & 0xFFFF) + ((bits >>> 32) & 0xFFFF);
        return (sum * 0x1p-16 - 1.5) * 2.0;
    }

    /** SplitMix64's output function: a well-mixed 64-bit value for each state. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
