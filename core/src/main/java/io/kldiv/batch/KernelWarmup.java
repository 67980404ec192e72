package io.kldiv.batch;

import io.kldiv.Dtype;
import io.kldiv.HalfFloats;
import io.kldiv.InputForm;
import io.kldiv.InvalidRowException;
import io.kldiv.ScoreOptions;
import io.kldiv.kernel.FloatArgmax;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a kernel on a small synthetic block of the job's exact shape (dtype, K, input forms, measures) in one
 * thread until its speed settles, so that the workers do not each spend the job's first seconds loading classes
 * and running the kernel in the interpreter, where the Vector API boxes every vector, while the compiler threads
 * compete with them for the cores.
 *
 * <p>"Compiled" is read from the warm-up loop itself: it stops once the median time per call of a window has not
 * improved on the best earlier window for a few windows in a row, and the calls no longer allocate more than
 * their own row buffers. Speed alone settles on C1's plateau (boxed vectors, about 35 times slower than C2's code,
 * steady for up to a second while C2 compiles the kernel), and the workers then ran their first fraction of a
 * second on C1's code, each competing with C2 for a core; a boxed vector is an allocation, so the bytes a call
 * allocates (the JVM counts them per thread, cheaply) tell C1's code from C2's, which only allocates the call's
 * buffers. Where the JVM does not count allocation, speed alone decides. Asking the JVM which methods C2 has
 * compiled was tried before and dropped: the DiagnosticCommand MBean's code list costs about 0.4 s to reach. A cap
 * bounds the wait.
 */
public final class KernelWarmup {
    /** p + q bytes of the synthetic block: many rows at small K (whole tiles), few at large K (short interpreted calls). */
    private static final long BLOCK_BYTES = 4 << 10;
    /** Rows at least, so that a block has a first, a middle and a last row at any K. */
    private static final int MIN_ROWS = 3;
    private static final int WINDOW = 16;
    private static final long MIN_WINDOW_NANOS = 5_000_000;
    /** A window counts as settled when it is no more than this much faster than the best window before it. */
    private static final double SETTLED_GAIN = 0.10;
    /**
     * Bytes a compiled call may allocate per value of the block: its row buffers are a few doubles per value;
     * boxed code allocates a vector object per operation, dozens per value.
     */
    private static final long COMPILED_BYTES_PER_VALUE = 64;
    private static final int SETTLED_WINDOWS = 3;
    private static final long CAP_NANOS = 1_500_000_000L;

    /** Where the warm-up's top-1 answers go, so the JIT cannot drop the scans as unused. */
    static long topOne;

    private KernelWarmup() {
    }

    /** Warms {@code kernel} for inputs of {@code dtype} and {@code k} scored with {@code options}; returns seconds spent. */
    public static double run(Kernel kernel, ScoreOptions options, Dtype dtype, int k) {
        long start = System.nanoTime();
        // Shared, like the arenas of mapped inputs and result columns: the JIT profiles the session type too.
        try (Arena arena = Arena.ofShared()) {
            int rows = (int) Math.max(MIN_ROWS, BLOCK_BYTES / (2L * k * dtype.bytes()));
            PairRows block = syntheticBlock(arena, options, dtype, k, rows);
            ResultColumns out = scratch(arena, options.measures().size(), rows);
            FloatArgmax argmax = dtype == Dtype.FLOAT32 ? kernel.floatArgmax() : null;
            long[] calls = new long[WINDOW];
            long best = Long.MAX_VALUE;
            int settled = 0;
            AllocationCounter allocated = AllocationCounter.forThisThread();
            long compiledBytesPerCall = COMPILED_BYTES_PER_VALUE * 2L * rows * k;
            while (settled < SETTLED_WINDOWS && System.nanoTime() - start < CAP_NANOS) {
                long windowStart = System.nanoTime();
                long bytesBefore = allocated.bytes();
                int callsInWindow = 0;
                // At least WINDOW calls and MIN_WINDOW_NANOS, so a window outlasts the scheduler's noise.
                for (int i = 0; i < WINDOW || System.nanoTime() - windowStart < MIN_WINDOW_NANOS; i++) {
                    long t0 = System.nanoTime();
                    try {
                        kernel.score(block, options, 0, rows, out);
                        if (argmax != null) { // the top-1 scan runs on every row of the job too
                            for (int r = 0; r < rows; r++) {
                                topOne += argmax.of(block.p(), block.rowOffset(r), k);
                            }
                        }
                    } catch (InvalidRowException e) {
                        // Only a sum tolerance tighter than the block's float rounding gets here: the job runs cold.
                        return (System.nanoTime() - start) / 1e9;
                    }
                    calls[i % WINDOW] = System.nanoTime() - t0;
                    callsInWindow++;
                }
                Arrays.sort(calls);
                long median = calls[WINDOW / 2];
                boolean compiled = allocated.bytes() - bytesBefore <= compiledBytesPerCall * callsInWindow;
                settled = median >= best * (1 - SETTLED_GAIN) && compiled ? settled + 1 : 0;
                best = Math.min(best, median);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Valid rows in each side's form: p_i ∝ 1 + (i mod 13)/8 and q_i ∝ 1 + ((i + 5) mod 11)/8, written as
     * probabilities, unnormalized weights, log-probabilities or logits. Off-heap and read-only like the mapped
     * inputs, so the JIT's type profile matches the job's.
     */
    static PairRows syntheticBlock(Arena arena, ScoreOptions options, Dtype dtype, int k, int rows) {
        MemorySegment p = side(arena, options.pForm(), dtype, k, rows, 13, 0);
        MemorySegment q = side(arena, options.qForm(), dtype, k, rows, 11, 5);
        return PairRows.contiguous(p.asReadOnly(), q.asReadOnly(), dtype, k, rows);
    }

    private static MemorySegment side(Arena arena, InputForm form, Dtype dtype, int k, int rows, int period, int shift) {
        double[] weights = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            weights[i] = 1 + ((i + shift) % period) / 8.0;
            sum += weights[i];
        }
        double[] row = new double[k];
        for (int i = 0; i < k; i++) {
            row[i] = switch (form.kind()) {
                case PROB -> weights[i] / sum;
                case NORMALIZE -> weights[i];
                case LOGPROB -> Math.log(weights[i] / sum);
                case LOGITS -> Math.log(weights[i]) * form.temperature();
            };
        }
        MemorySegment segment = arena.allocate((long) rows * k * dtype.bytes(), 64);
        for (long r = 0; r < rows; r++) {
            for (int i = 0; i < k; i++) {
                long index = r * k + i;
                switch (dtype) {
                    case FLOAT32 -> segment.setAtIndex(ValueLayout.JAVA_FLOAT, index, (float) row[i]);
                    case FLOAT64 -> segment.setAtIndex(ValueLayout.JAVA_DOUBLE, index, row[i]);
                    case BFLOAT16, FLOAT16 ->
                            segment.setAtIndex(ValueLayout.JAVA_SHORT, index, HalfFloats.fromFloat((float) row[i], dtype));
                }
            }
        }
        return segment;
    }

    private static ResultColumns scratch(Arena arena, int measures, int rows) {
        List<MemorySegment> columns = new ArrayList<>();
        for (int m = 0; m < measures; m++) {
            columns.add(arena.allocate((long) rows * Double.BYTES, 64));
        }
        return new ResultColumns(columns, arena.allocate(rows, 64));
    }
}
