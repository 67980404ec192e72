package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.LANES;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleSupplier;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Developer harness (not run by the build): thread-CPU ns and bytes allocated per value of each RepeatableMath piece
 * in a tight loop, against a plain load-and-add. Any allocation means a vector went through the Java fallback.
 * Run: java ${kldiv.jvm.flags} -cp ... io.kldiv.simd.MathTiming
 */
public final class MathTiming {
    static final int N = 4096;
    static double[] a = new double[N], b = new double[N];
    static volatile double sink;

    public static void main(String[] args) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < N; i++) { a[i] = r.nextDouble() / N; b[i] = a[i] * (1 + 0.01 * r.nextDouble()); }
        for (int rep = 0; rep < 3; rep++) {
            time("load+add", MathTiming::loads);
            time("log", MathTiming::log);
            time("log1p", MathTiming::log1p);
            time("logRatio", MathTiming::logRatio);
            time("phiSeries", MathTiming::phi);
            time("exp", MathTiming::exp);
            time("div", MathTiming::div);
        }
    }

    static void time(String what, DoubleSupplier f) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20000; i++) sink = f.getAsDouble();
        long bytes = mx.getCurrentThreadAllocatedBytes();
        long t = mx.getCurrentThreadCpuTime();
        int reps = 20000;
        for (int i = 0; i < reps; i++) sink = f.getAsDouble();
        double ns = (mx.getCurrentThreadCpuTime() - t) / (double) reps / N;
        double alloc = (mx.getCurrentThreadAllocatedBytes() - bytes) / (double) reps / N;
        System.out.printf("%-10s %6.3f ns/value %6.2f B/value%n", what, ns, alloc);
    }

    static double loads() {
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        for (int i = 0; i < N; i += LANES) acc = acc.add(DoubleVector.fromArray(DOUBLES, a, i)).add(DoubleVector.fromArray(DOUBLES, b, i));
        return acc.reduceLanes(VectorOperators.ADD);
    }
    static double log() {
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        for (int i = 0; i < N; i += LANES) acc = acc.add(RepeatableMath.log(DoubleVector.fromArray(DOUBLES, a, i)));
        return acc.reduceLanes(VectorOperators.ADD);
    }
    static double log1p() {
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        for (int i = 0; i < N; i += LANES) acc = acc.add(RepeatableMath.log1p(DoubleVector.fromArray(DOUBLES, a, i)));
        return acc.reduceLanes(VectorOperators.ADD);
    }
    static double logRatio() {
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        for (int i = 0; i < N; i += LANES) acc = acc.add(RepeatableMath.logRatio(DoubleVector.fromArray(DOUBLES, a, i), DoubleVector.fromArray(DOUBLES, b, i)));
        return acc.reduceLanes(VectorOperators.ADD);
    }
    static double phi() {
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        for (int i = 0; i < N; i += LANES) acc = acc.add(RepeatableMath.phiSeries(DoubleVector.fromArray(DOUBLES, a, i)));
        return acc.reduceLanes(VectorOperators.ADD);
    }
    static double exp() {
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        for (int i = 0; i < N; i += LANES) acc = acc.add(RepeatableMath.exp(DoubleVector.fromArray(DOUBLES, a, i).neg()));
        return acc.reduceLanes(VectorOperators.ADD);
    }
    static double div() {
        DoubleVector acc = DoubleVector.zero(DOUBLES);
        for (int i = 0; i < N; i += LANES) acc = acc.add(DoubleVector.fromArray(DOUBLES, a, i).div(DoubleVector.fromArray(DOUBLES, b, i)));
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
