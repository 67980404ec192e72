package io.kldiv.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Gathers the {@link SimdEnvironment} of the running JVM. Never throws, never touches a Vector API type. */
final class JvmProbe {
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** The JDK's own switch for the library behind lanewise LOG/EXP; {@code java} forces the per-lane fallback. */
    static final String MATH_LIBRARY_PROPERTY = "jdk.incubator.vector.VectorMathLibrary";

    private JvmProbe() {
    }

    static SimdEnvironment environment(int width) {
        String[] math = mathLibrary();
        return new SimdEnvironment(vectorModule(), compiler(), math[0], math[1], width);
    }

    private static String vectorModule() {
        Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
        if (vector.isEmpty()) {
            return VECTOR_MODULE + " is not loaded; pass --add-modules " + VECTOR_MODULE;
        }
        if (!JvmProbe.class.getModule().canRead(vector.get())) {
            return JvmProbe.class.getModule() + " does not read " + VECTOR_MODULE;
        }
        return null;
    }

    /** Null under C2; else what compiles (or interprets) hot code instead. */
    private static String compiler() {
        if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
            return "the JVM runs interpreted (-Xint)";
        }
        HotSpotDiagnosticMXBean hotspot;
        try {
            hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError e) {
            return null; // not HotSpot, or no management: nothing says C2 is off
        }
        if (hotspot == null) {
            return null;
        }
        if ("true".equals(option(hotspot, "UseJVMCICompiler"))) {
            return "a JVMCI compiler replaces C2 (-XX:+UseJVMCICompiler)";
        }
        String stopAt = option(hotspot, "TieredStopAtLevel");
        if ("true".equals(option(hotspot, "TieredCompilation")) && stopAt != null && Integer.parseInt(stopAt) < 4) {
            return "tiered compilation stops at C1 (-XX:TieredStopAtLevel=" + stopAt + ")";
        }
        return null;
    }

    private static String option(HotSpotDiagnosticMXBean hotspot, String name) {
        try {
            return hotspot.getVMOption(name).getValue();
        } catch (IllegalArgumentException e) {
            return null; // this VM has no such option
        }
    }

    /** {library name, null} when the JDK has one here, else {null, why not}. */
    private static String[] mathLibrary() {
        String forced = System.getProperty(MATH_LIBRARY_PROPERTY);
        if ("java".equals(forced)) {
            return new String[] {null, "forced by -D" + MATH_LIBRARY_PROPERTY + "=java"};
        }
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String library = switch (arch) {
            case "amd64", "x86_64" -> "jsvml";
            case "aarch64", "riscv64" -> "sleef";
            default -> null;
        };
        if (library == null) {
            return new String[] {null, "the JDK has no vector math library for " + arch};
        }
        Path home = Path.of(System.getProperty("java.home"));
        String file = System.mapLibraryName(library);
        for (Path dir : new Path[] {home.resolve("lib"), home.resolve("bin")}) {
            if (Files.isRegularFile(dir.resolve(file))) {
                return new String[] {library.equals("jsvml") ? "SVML" : "SLEEF", null};
            }
        }
        return new String[] {null, file + " is not in " + home.resolve("lib")};
    }
}
