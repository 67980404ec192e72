package io.kldiv.simd;

import java.nio.ByteOrder;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species every kernel piece uses, fixed once per JVM. They must be static finals: C2 only
 * intrinsifies Vector API calls whose species is a constant. Loaded only after {@link SimdKernelProvider}'s checks.
 */
final class Species {
    static final int BITS = VectorWidth.forced() != 0 ? VectorWidth.forced() : PreferredShape.bits();
    static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, VectorShape.forBitSize(BITS));
    static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, VectorShape.forBitSize(BITS));
    /** As many floats as {@link #DOUBLES} has lanes: loaded and widened to doubles in one step. */
    static final VectorSpecies<Float> HALF_FLOATS = VectorSpecies.of(float.class, VectorShape.forBitSize(BITS / 2));
    /** As many shorts as {@link #FLOATS} has lanes: bfloat16/float16 values widened to float lanes. */
    static final VectorSpecies<Short> HALF_SHORTS = VectorSpecies.of(short.class, VectorShape.forBitSize(BITS / 2));
    /** Int lanes of {@link #FLOATS}' shape: the integer view of widened half values. */
    static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, VectorShape.forBitSize(BITS));
    /** Per-lane state (sums, maxima, row constants) is always a DoubleVector of this many lanes. */
    static final int LANES = DOUBLES.length();
    static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private Species() {
    }
}
