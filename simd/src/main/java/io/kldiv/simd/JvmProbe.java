package io.kldiv.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/** Gathers the {@link SimdEnvironment} of the running JVM. Never throws, never touches a Vector API type. */
final class JvmProbe {
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private JvmProbe() {
    }

    static SimdEnvironment environment(int width) {
        return new SimdEnvironment(vectorModule(), compiler(), width);
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
}
