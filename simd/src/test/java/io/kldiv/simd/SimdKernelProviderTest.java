package io.kldiv.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.kernel.KernelProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What the provider says about this JVM, and the rule that turns facts into a reason. */
class SimdKernelProviderTest {
    private static final SimdEnvironment FINE = new SimdEnvironment(null, null, 0);

    @Test
    void isFoundThroughServiceLoader() {
        assertTrue(ServiceLoader.load(KernelProvider.class).stream()
                .anyMatch(p -> p.type() == SimdKernelProvider.class));
    }

    @Test
    void describesWhatItUsesOrWhyNot() {
        KernelProvider provider = new SimdKernelProvider();
        if (provider.unavailableReason() == null) {
            String d = provider.describe();
            assertTrue(d.matches("simd: (256|512)-bit FloatVector/DoubleVector \\((8|16) float lanes.*\\), repeatable log/exp, C2"), d);
            assertTrue(provider.create().name().startsWith("simd-"), provider.create().name());
        } else {
            assertTrue(provider.describe().contains(provider.unavailableReason()), provider.describe());
            assertThrows(IllegalStateException.class, provider::create);
        }
    }

    @Test
    void aCapableJvmHasNoReason() {
        assertNull(FINE.whyNot(() -> 512));
        assertNull(new SimdEnvironment(null, null, 256).whyNot(() -> 512));
    }

    @Test
    void eachMissingPieceIsNamed() {
        assertEquals("jdk.incubator.vector is not loaded; pass --add-modules jdk.incubator.vector",
                new SimdEnvironment("jdk.incubator.vector is not loaded; pass --add-modules jdk.incubator.vector", null, 0)
                        .whyNot(() -> 512));
        assertTrue(new SimdEnvironment(null, "tiered compilation stops at C1 (-XX:TieredStopAtLevel=1)", 0)
                .whyNot(() -> 512).contains("TieredStopAtLevel=1"));
        assertTrue(FINE.whyNot(() -> 128).contains("128 bits"));
        assertTrue(new SimdEnvironment(null, null, 512).whyNot(() -> 256).contains("wider than"));
    }

    @Test
    void theVectorModuleIsNotLoadedWhenTheChecksFail() {
        // The preferred width is asked for last: a JVM without the module must never get that far.
        new SimdEnvironment("no module", null, 0).whyNot(() -> {
            throw new AssertionError("asked for the vector width without the module");
        });
    }
}
