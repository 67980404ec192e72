package io.kldiv.simd;

import io.kldiv.Dtype;
import io.kldiv.HalfFloats;
import io.kldiv.InputForm;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.Kernels;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.testing.RandomRows;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Rough single-thread timings (thread CPU time) while developing (the bench module's JMH suites are the real proof): ns per
 * element pair and GB/s of p+q read, for the SIMD kernel against the scalar one and a plain streaming read.
 * Run: java ${kldiv.jvm.flags} -cp ... io.kldiv.simd.KernelTiming
 */
public final class KernelTiming {
    private static volatile double sink;
    /** Labels to run, from the command line (any label containing one of them); all when none given. */
    private static String[] only = {};

    public static void main(String[] args) {
        only = args;
        Kernel simd = new SimdKernel();
        Kernel scalar = Kernels.scalar();
        System.out.println(simd.name());
        try (Arena arena = Arena.ofConfined()) {
            PairRows cached = rows(arena, Dtype.FLOAT32, 4096, 8, InputForm.PROB);
            PairRows big = selected("1 GiB") ? rows(arena, Dtype.FLOAT32, 4096, 32768, InputForm.PROB) : null; // 1 GiB of p and q
            PairRows logits = rows(arena, Dtype.FLOAT32, 4096, 8, InputForm.LOGITS);
            ScoreOptions kl = ScoreOptions.of(Measure.KL);
            report("f32 prob kl k=4096 in cache  simd", simd, cached, kl, 2000);
            report("f32 prob kl k=4096 in cache  scalar", scalar, cached, kl, 20);
            report("f32 prob kl k=4096 in cache  hand-fused loop", null, cached, kl, 2000);
            report("f32 prob kl k=4096 1 GiB     simd", simd, big, kl, 2);
            report("f32 prob kl k=4096 1 GiB     stream read", null, big, null, 3);
            report("f32 logits kl k=4096 in cache simd", simd, logits, kl.withForms(InputForm.LOGITS), 1000);
            report("f32 prob all 8 k=4096 in cache simd", simd, cached, ScoreOptions.of(Measure.values()), 500);
            report("f32 logits demo k=256 in cache simd", simd, rows(arena, Dtype.FLOAT32, 256, 128, InputForm.LOGITS),
                    ScoreOptions.of(Measure.KL, Measure.REVERSE_KL, Measure.JS).withForms(InputForm.LOGITS), 500);
            report("f64 prob kl k=4096 in cache  simd", simd, rows(arena, Dtype.FLOAT64, 4096, 8, InputForm.PROB), kl, 1000);
            PairRows bf16 = rows(arena, Dtype.BFLOAT16, 4096, 8, InputForm.PROB);
            ScoreOptions loose = kl.withSumTolerance(Dtype.BFLOAT16.defaultSumTolerance());
            report("bf16 prob kl k=4096 in cache simd", simd, bf16, loose, 1000);
            report("bf16 prob kl k=4096 in cache scalar", scalar, bf16, loose, 20);
            if (selected("bf16 1 GiB")) {
                PairRows bigHalf = rows(arena, Dtype.BFLOAT16, 4096, 65536, InputForm.PROB); // 1 GiB of p and q
                report("bf16 prob kl k=4096 1 GiB    simd", simd, bigHalf, loose, 2);
            }
            for (int k : new int[] {2, 4, 10, 32, 33, 100}) {
                PairRows small = rows(arena, Dtype.FLOAT32, k, 32768 / k * 8, InputForm.PROB);
                report("f32 prob kl k=" + k + " in cache simd", simd, small, kl, 500);
            }
            report("f32 logits kl k=10 in cache simd", simd, rows(arena, Dtype.FLOAT32, 10, 32768 / 10 * 8, InputForm.LOGITS),
                    kl.withForms(InputForm.LOGITS), 200);
        }
    }

    private static PairRows rows(Arena arena, Dtype dtype, int k, int n, InputForm form) {
        MemorySegment p = arena.allocate((long) n * k * dtype.bytes(), 64);
        MemorySegment q = arena.allocate((long) n * k * dtype.bytes(), 64);
        RandomRows random = new RandomRows(k);
        int distinct = Math.min(n, 64); // generating a GiB of fresh rows would take longer than timing them
        for (int r = 0; r < distinct; r++) {
            double[] a = form == InputForm.PROB ? random.probabilities(k, 0.0) : random.logits(k, 5.0, 0.0);
            double[] b = form == InputForm.PROB ? random.probabilities(k, 0.0) : random.logits(k, 5.0, 0.0);
            for (int i = 0; i < k; i++) {
                long at = ((long) r * k + i) * dtype.bytes();
                if (dtype.isHalf()) {
                    p.set(ValueLayout.JAVA_SHORT, at, HalfFloats.fromFloat((float) a[i], dtype));
                    q.set(ValueLayout.JAVA_SHORT, at, HalfFloats.fromFloat((float) b[i], dtype));
                } else if (dtype == Dtype.FLOAT32) {
                    p.set(ValueLayout.JAVA_FLOAT, at, (float) a[i]);
                    q.set(ValueLayout.JAVA_FLOAT, at, (float) b[i]);
                } else {
                    p.set(ValueLayout.JAVA_DOUBLE, at, a[i]);
                    q.set(ValueLayout.JAVA_DOUBLE, at, b[i]);
                }
            }
        }
        long block = (long) distinct * k * dtype.bytes();
        for (long at = block; at < p.byteSize(); at += block) {
            long len = Math.min(block, p.byteSize() - at);
            MemorySegment.copy(p, 0, p, at, len);
            MemorySegment.copy(q, 0, q, at, len);
        }
        return PairRows.contiguous(p, q, dtype, k, n);
    }

    private static boolean selected(String what) {
        if (only.length == 0) {
            return true;
        }
        for (String s : only) {
            if (what.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static void report(String what, Kernel kernel, PairRows in, ScoreOptions options, int reps) {
        if (!selected(what)) {
            return;
        }
        ResultColumns out = options == null ? null : ResultColumns.onHeap(options.measures().size(), (int) in.rows());
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        long allocated = 0;
        for (int round = 0; round < 7; round++) {
            // Thread CPU time, not wall time: on a shared machine the other processes' share drops out.
            long start = threads.getCurrentThreadCpuTime();
            long bytes = threads.getCurrentThreadAllocatedBytes();
            for (int r = 0; r < reps; r++) {
                if (kernel != null) {
                    kernel.score(in, options, 0, in.rows(), out);
                } else if (options != null) {
                    sink += handFusedKl(in);
                } else {
                    sink += streamRead(in);
                }
            }
            best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / (double) reps);
            allocated = (threads.getCurrentThreadAllocatedBytes() - bytes) / reps;
        }
        double pairs = (double) in.rows() * in.k();
        System.out.printf("%-44s %7.3f ns/pair %7.2f GB/s %9d B/call%n", what, best / pairs, in.bytesScanned() / best, allocated);
    }

    /** The floor for composition: KL of float32 prob rows in one hand-written loop, no buffers, no checks. */
    private static double handFusedKl(PairRows in) {
        double total = 0;
        int k = in.k();
        int step = Species.LANES;
        for (long row = 0; row < in.rows(); row++) {
            long base = in.rowOffset(row);
            DoubleVector acc = DoubleVector.zero(Species.DOUBLES);
            for (int i = 0; i + step <= k; i += step) {
                DoubleVector p = Loads.widened(in.p(), base + 4L * i, true, step, 0.0);
                DoubleVector q = Loads.widened(in.q(), base + 4L * i, true, step, 0.0);
                acc = acc.add(p.mul(RepeatableMath.logRatio(p, q)), p.compare(VectorOperators.GT, 0.0));
            }
            total += acc.reduceLanes(VectorOperators.ADD);
        }
        return total;
    }

    /** The memory floor: a plain Vector API read of the same bytes. */
    private static double streamRead(PairRows in) {
        FloatVector a = FloatVector.zero(Species.FLOATS);
        FloatVector b = FloatVector.zero(Species.FLOATS);
        long bytes = in.rows() * in.k() * 4L;
        long step = Species.FLOATS.vectorByteSize();
        for (long at = 0; at + step <= bytes; at += step) {
            a = a.add(FloatVector.fromMemorySegment(Species.FLOATS, in.p(), at, Species.ORDER));
            b = b.add(FloatVector.fromMemorySegment(Species.FLOATS, in.q(), at, Species.ORDER));
        }
        return a.add(b).reduceLanes(VectorOperators.ADD);
    }

    private KernelTiming() {
    }
}
