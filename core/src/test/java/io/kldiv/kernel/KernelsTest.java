package io.kldiv.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.ScoreOptions;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The dispatch rules, with stand-in providers. */
class KernelsTest {
    private static final Kernel FAST = new Kernel() {
        @Override
        public String name() {
            return "fast";
        }

        @Override
        public void score(PairRows in, ScoreOptions options, long fromRow, long toRow, ResultColumns out) {
            throw new UnsupportedOperationException();
        }
    };

    private record StandIn(String unavailableReason) implements KernelProvider {
        @Override
        public String name() {
            return "simd";
        }

        @Override
        public Kernel create() {
            return FAST;
        }

        @Override
        public String describe() {
            return "512-bit vectors";
        }
    }

    @Test
    void autoTakesAUsableProvider() {
        KernelChoice c = Kernels.choose("auto", List.of(new StandIn(null)));
        assertSame(FAST, c.kernel());
        assertEquals("512-bit vectors", c.reason());
    }

    @Test
    void autoFallsBackToScalarAndSaysWhy() {
        KernelChoice c = Kernels.choose("auto", List.of(new StandIn("preferred species is 128 bits")));
        assertEquals("scalar", c.kernel().name());
        assertTrue(c.reason().contains("preferred species is 128 bits"), c.reason());
        KernelChoice none = Kernels.choose("auto", List.of());
        assertTrue(none.reason().contains("kldiv-simd module is not on the class path"), none.reason());
    }

    @Test
    void scalarCanBeForced() {
        KernelChoice c = Kernels.choose("scalar", List.of(new StandIn(null)));
        assertEquals("scalar", c.kernel().name());
        assertTrue(c.reason().contains("forced"), c.reason());
    }

    @Test
    void forcingSimdWhereItCannotRunIsAnError() {
        var e = assertThrows(IllegalStateException.class,
                () -> Kernels.choose("simd", List.of(new StandIn("jdk.incubator.vector is not readable"))));
        assertTrue(e.getMessage().contains("jdk.incubator.vector is not readable"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernels.choose("fastest", List.of()));
    }

    @Test
    void aOneJobProcessScoresJobsBelowTheThresholdWithTheScalarKernelInAutoModeOnly() {
        KernelChoice vector = Kernels.choose("auto", List.of(new StandIn(null)));
        long threshold = 1000;
        Supplier<KernelChoice> unasked = () -> {
            throw new AssertionError("a small job in auto mode must not look for a vector kernel");
        };
        KernelChoice small = Kernels.forOneJob(threshold - 1, "auto", unasked, threshold);
        assertEquals("scalar", small.kernel().name());
        assertTrue(small.reason().contains("999 element pairs, below the 1,000"), small.reason());
        assertSame(FAST, Kernels.forOneJob(threshold, "auto", () -> vector, threshold).kernel());
        KernelChoice forced = Kernels.choose("simd", List.of(new StandIn(null)));
        assertSame(FAST, Kernels.forOneJob(1, "simd", () -> forced, threshold).kernel());
        KernelChoice scalarForced = Kernels.choose("scalar", List.of(new StandIn(null)));
        assertSame(scalarForced, Kernels.forOneJob(threshold, "scalar", () -> scalarForced, threshold));
        assertEquals(Kernels.VECTOR_MIN_PAIRS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors(),
                Kernels.vectorMinPairs());
    }

    @Test
    void aJobWantsTheVectorModuleExactlyWhenItWouldLookForAVectorKernel() {
        long threshold = 1000;
        assertFalse(Kernels.wantsVectorKernel(threshold - 1, "auto", threshold));
        assertTrue(Kernels.wantsVectorKernel(threshold, " AUTO", threshold));
        assertTrue(Kernels.wantsVectorKernel(1, "simd", threshold));
        assertFalse(Kernels.wantsVectorKernel(threshold * 10, "scalar", threshold));
        // These tests run with the module (kldiv.jvm.flags), so nothing is missing whatever the job's size.
        assertFalse(Kernels.wantsMissingVectorModule(Long.MAX_VALUE));
    }
}
