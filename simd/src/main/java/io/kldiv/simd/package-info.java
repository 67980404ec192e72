/**
 * JDK Vector API kernels behind the core kernel SPI; the only module that links against jdk.incubator.vector.
 *
 * <p>Compile units. Vector API code is fast only where C2 inlines every method that passes a vector along; a
 * vector that crosses a call which is not inlined is boxed, a heap object per vector per step, and runs several
 * times slower. C2 stops inlining when a compile unit's graph grows past a fixed node budget, and the vector
 * math here is big, so a caller that inlined a whole pass (decoding, every term's sum, their logs) would run out
 * of budget and leave some math out of line, which piece depending on the order in which C2 compiled things.
 * Hence the rule: every method whose name ends in {@code Loop} holds one loop over a block, with arrays or
 * segments in and out and no vector crossing its boundary, and the JVM flags (the parent pom's
 * {@code kldiv.jvm.flags}: {@code -XX:CompileCommand=dontinline,io.kldiv.simd.*::*Loop}) compile each on its
 * own, with a budget of its own for the math it calls. Measured (KernelTiming, all 8 measures): 31 → 20 ns per
 * pair and 3.2 MB → 18 KB allocated per call; the demo's logits shape 29 → 17 ns per pair.
 */
package io.kldiv.simd;
