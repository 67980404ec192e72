package io.kldiv.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Chooses the kernel once per JVM: a provider's (SIMD) kernel when one is usable here, else the scalar one. The
 * system property {@value #MODE_PROPERTY} forces {@code scalar} or {@code simd}, or leaves it to {@code auto}.
 */
public final class Kernels {
    /** {@code auto} (default), {@code scalar} or {@code simd}. */
    public static final String MODE_PROPERTY = "kldiv.kernel";

    private static volatile KernelChoice chosen;

    private Kernels() {
    }

    /** The kernel for this JVM, chosen on first use. */
    public static KernelChoice best() {
        KernelChoice c = chosen;
        if (c == null) {
            synchronized (Kernels.class) {
                c = chosen;
                if (c == null) {
                    c = choose(System.getProperty(MODE_PROPERTY, "auto"), loadProviders());
                    chosen = c;
                }
            }
        }
        return c;
    }

    /**
     * Element pairs (rows × K) per processor from which a process that scores one job, like the {@code kldiv}
     * command, uses the vector kernel {@link #best()} chose. Below, in {@code auto} mode, the scalar kernel
     * finishes the job sooner: C2 compiles it within milliseconds, while a vector kernel costs about a second of a
     * core to compile, and until then the Vector API runs boxed, hundreds of times slower. Compiled, the vector
     * kernel is about 3 times faster per pair, so it wins its compilation second back after about 2^26 pairs
     * per core that can share the job (2^27 pairs on two cores: 1 GiB of float32 p and q). The threshold depends
     * on the machine's processors, never on a job's thread count, so a job's results are the same for any number
     * of threads; both kernels meet the contract's bound, and results differ between them only within it.
     */
    public static final long VECTOR_MIN_PAIRS_PER_PROCESSOR = 1L << 26;

    /** The kernel for a process that scores one job of {@code pairs} element pairs: see {@link #VECTOR_MIN_PAIRS_PER_PROCESSOR}. */
    public static KernelChoice forOneJob(long pairs) {
        return forOneJob(pairs, System.getProperty(MODE_PROPERTY, "auto"), Kernels::best, vectorMinPairs());
    }

    /** The job size from which {@link #forOneJob(long)} chooses the vector kernel on this machine. */
    public static long vectorMinPairs() {
        return VECTOR_MIN_PAIRS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
    }

    /**
     * Whether {@link #forOneJob(long)} would look for a vector kernel for a job of {@code pairs} element pairs
     * while this JVM lacks the Vector API module (it was started without
     * {@code --add-modules=jdk.incubator.vector}), so a launcher that left the module out can start the job again
     * with it.
     */
    public static boolean wantsMissingVectorModule(long pairs) {
        return wantsVectorKernel(pairs, System.getProperty(MODE_PROPERTY, "auto"), vectorMinPairs())
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty();
    }

    static boolean wantsVectorKernel(long pairs, String mode, long vectorMinPairs) {
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "simd" -> true;
            case "auto" -> pairs >= vectorMinPairs;
            default -> false;
        };
    }

    /**
     * {@link #forOneJob(long)} for a mode, the JVM's choice in that mode and a threshold. A small job in auto mode
     * gets the scalar kernel without {@code best} being asked: finding and checking a vector kernel loads and
     * initializes the Vector API, about 0.1 s that such a job would spend for nothing.
     */
    static KernelChoice forOneJob(long pairs, String mode, Supplier<KernelChoice> best, long vectorMinPairs) {
        if (!"auto".equals(mode.trim().toLowerCase(Locale.ROOT)) || wantsVectorKernel(pairs, mode, vectorMinPairs)) {
            return best.get();
        }
        return new KernelChoice(scalar(), String.format(Locale.ROOT,
                "a job of %,d element pairs, below the %,d from which a vector kernel's compilation pays", pairs,
                vectorMinPairs));
    }

    /** The scalar kernel, whatever the machine: the fallback, and a baseline for tests and benchmarks. */
    public static Kernel scalar() {
        return new ScalarKernel();
    }

    /**
     * The choice for a mode and a list of providers.
     *
     * @throws IllegalStateException when {@code simd} is forced and no provider is usable, saying why
     */
    static KernelChoice choose(String mode, List<KernelProvider> providers) {
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "scalar" -> {
                return new KernelChoice(scalar(), "forced by -D" + MODE_PROPERTY + "=scalar");
            }
            case "simd" -> {
                for (KernelProvider p : providers) {
                    if (p.unavailableReason() == null) {
                        return new KernelChoice(p.create(), "forced by -D" + MODE_PROPERTY + "=simd; " + p.describe());
                    }
                }
                throw new IllegalStateException("-D" + MODE_PROPERTY + "=simd, but no SIMD kernel can run here: "
                        + whyNot(providers));
            }
            case "auto" -> {
                for (KernelProvider p : providers) {
                    if (p.unavailableReason() == null) {
                        return new KernelChoice(p.create(), p.describe());
                    }
                }
                return new KernelChoice(scalar(), "no SIMD kernel: " + whyNot(providers));
            }
            default -> throw new IllegalArgumentException(
                    "-D" + MODE_PROPERTY + " must be auto, scalar or simd, got '" + mode + "'");
        }
    }

    private static String whyNot(List<KernelProvider> providers) {
        if (providers.isEmpty()) {
            return "the kldiv-simd module is not on the class path";
        }
        List<String> reasons = new ArrayList<>();
        for (KernelProvider p : providers) {
            reasons.add(p.name() + ": " + p.unavailableReason());
        }
        return String.join("; ", reasons);
    }

    private static List<KernelProvider> loadProviders() {
        List<KernelProvider> providers = new ArrayList<>();
        try {
            for (KernelProvider p : ServiceLoader.load(KernelProvider.class)) {
                providers.add(p);
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // A provider that cannot even load falls back to scalar; its error is the reason shown.
            providers.add(new BrokenProvider(e));
        }
        return providers;
    }

    private record BrokenProvider(Throwable error) implements KernelProvider {
        @Override
        public String name() {
            return "provider";
        }

        @Override
        public String unavailableReason() {
            return "failed to load: " + error;
        }

        @Override
        public Kernel create() {
            throw new IllegalStateException(unavailableReason());
        }

        @Override
        public String describe() {
            return unavailableReason();
        }
    }
}
