package io.kldiv.simd;

import static io.kldiv.simd.Species.DOUBLES;
import static io.kldiv.simd.Species.LANES;

import io.kldiv.Dtype;
import io.kldiv.InputForm;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;

/**
 * The vector "give me p and ln p" step for one side in its input form, with the form's fast validity checks
 * folded into the same reads. It works on a run of values that is either one row (spread over the lanes, value
 * {@code i} in lane {@code i mod LANES}) or a narrow tile of rows (lane {@code r} holds row {@code r}); per-lane
 * state is finished by {@link Lanes}, so the per-value code is the same for both. Not thread-safe: one per call.
 */
abstract sealed class VectorSide permits ProbabilitySide, NormalizedSide, LogProbabilitySide, LogitSide {
    /** The form treats these as probability 0: what a short last vector is padded with. */
    static final double ZERO_PROBABILITY = 0.0;
    static final double ZERO_LOG_PROBABILITY = Double.NEGATIVE_INFINITY;

    final boolean float32;
    final boolean lanesAreRows;
    /**
     * Whether some term reads ln p. The log forms always know it; a probability side computes it only then, since
     * its log is the most expensive step of a pass and a KL between probability sides reads the values alone.
     */
    final boolean needsLogs;

    VectorSide(Dtype dtype, boolean lanesAreRows, boolean needsLogs) {
        this.float32 = dtype == Dtype.FLOAT32;
        this.lanesAreRows = lanesAreRows;
        this.needsLogs = needsLogs;
    }

    static VectorSide of(InputForm form, Dtype dtype, double tolerance, int k, boolean lanesAreRows, boolean needsLogs) {
        return switch (form.kind()) {
            case PROB -> new ProbabilitySide(dtype, strict(tolerance, k), lanesAreRows, needsLogs);
            case NORMALIZE -> new NormalizedSide(dtype, lanesAreRows, needsLogs);
            case LOGPROB -> new LogProbabilitySide(dtype, strict(tolerance, k), lanesAreRows);
            case LOGITS -> new LogitSide(dtype, form.temperature(), lanesAreRows);
        };
    }

    /**
     * The row-sum tolerance a little tightened: sums here are taken in another order than the reference's, so a
     * row within rounding of the limit is flagged and the reference decides (it may still accept it).
     */
    private static double strict(double tolerance, int k) {
        return tolerance - (1e-12 + k * 0x1p-50);
    }

    /**
     * Where each lane's value at run index 0 sits in its row: its category in a tile (0), its index in a row (the
     * lane). A loop advances it by {@link #positionStep()} per vector rather than choosing between two vectors per
     * step: a vector picked by a branch is boxed by C2.
     */
    DoubleVector firstPositions() {
        return DoubleVector.zero(DOUBLES).addIndex(lanesAreRows ? 0 : 1);
    }

    double positionStep() {
        return lanesAreRows ? 1.0 : LANES;
    }

    int bytes() {
        return float32 ? Float.BYTES : Double.BYTES;
    }

    /**
     * ln of a decoded block's probabilities, in double lanes (a float-lane log is off by ~1e-8 of |ln p|, too much
     * for contract v2), read back from the block while it is still in L1: one pass of its own, so the decoding
     * loops carry no log and need no second copy for the case with logs.
     */
    static void logsLoop(double[] p, double[] lnP, int count) {
        for (int i = 0; i < count; i += LANES) {
            RepeatableMath.log(DoubleVector.fromArray(DOUBLES, p, i)).intoArray(lnP, i);
        }
    }

    /** Reads what must be known before any value can be decoded (a sum, a maximum), over all {@code count} values. */
    abstract void begin(MemorySegment values, long offset, int count);

    /**
     * Decodes {@code count} values from byte {@code offset} into {@code p} and {@code lnP}, padded with p = 0 to
     * whole vectors. Called on consecutive blocks after {@link #begin}.
     */
    abstract void decode(MemorySegment values, long offset, int count, double[] p, double[] lnP);

    /** After the last block: bit r set when lane r's row passed the fast checks (bits are all equal for one row). */
    abstract long validLanes();
}
