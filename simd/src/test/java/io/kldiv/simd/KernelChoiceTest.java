package io.kldiv.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kldiv.kernel.KernelChoice;
import io.kldiv.kernel.Kernels;
import org.junit.jupiter.api.Test;

/** The mode and width forced on the command line are the ones in use, and the choice says why. */
class KernelChoiceTest {
    private static final String MODE = System.getProperty(Kernels.MODE_PROPERTY, "auto");

    @Test
    void theForcedModeIsHonoured() {
        KernelChoice choice = Kernels.best();
        switch (MODE) {
            case "simd" -> assertTrue(choice.kernel().name().startsWith("simd"), choice.toString());
            case "scalar" -> {
                assertEquals("scalar", choice.kernel().name());
                assertEquals("forced by -D" + Kernels.MODE_PROPERTY + "=scalar", choice.reason());
            }
            default -> assertTrue(choice.reason() != null && !choice.reason().isBlank(), choice.toString());
        }
    }

    @Test
    void theForcedWidthIsUsed() {
        String bits = System.getProperty(VectorWidth.PROPERTY);
        if (bits != null && MODE.equals("simd")) {
            KernelChoice choice = Kernels.best();
            assertEquals("simd-" + bits, choice.kernel().name());
            assertTrue(choice.reason().contains(bits + "-bit"), choice.reason());
            assertTrue(choice.reason().contains("forced by -D" + VectorWidth.PROPERTY), choice.reason());
        }
    }
}
