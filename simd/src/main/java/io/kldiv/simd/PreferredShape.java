package io.kldiv.simd;

import jdk.incubator.vector.VectorShape;

/** The machine's preferred vector width. Links against the Vector API: touch only once the module is readable. */
final class PreferredShape {
    private PreferredShape() {
    }

    static int bits() {
        return VectorShape.preferredShape().vectorBitSize();
    }
}
