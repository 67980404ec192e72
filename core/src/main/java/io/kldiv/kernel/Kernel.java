package io.kldiv.kernel;

import io.kldiv.InvalidRowException;
import io.kldiv.ScoreOptions;

/**
 * Scores a range of rows: every requested measure of each row from one read of its values, validating the
 * values in the same pass. Implementations are stateless and safe to call from many threads on disjoint rows.
 */
public interface Kernel {

    /** A short name for reports, e.g. {@code scalar} or {@code simd-512}. */
    String name();

    /**
     * Scores rows {@code [fromRow, toRow)} of {@code in} into the same rows of {@code out}. A valid row gets its
     * results and status {@link RowStatus#VALID}; an invalid row, under policy {@code nan} or {@code skip}, gets
     * NaN results and the status of its reason.
     *
     * @throws InvalidRowException under policy {@code error}, for the first invalid row, with its row index
     */
    void score(PairRows in, ScoreOptions options, long fromRow, long toRow, ResultColumns out);

    /**
     * Whether the JIT takes long enough over this kernel that a big job should warm it up in one thread before
     * starting its workers ({@code io.kldiv.batch.KernelWarmup}): true for Vector API code, which runs boxed until
     * C2 has compiled it; plain Java is compiled within milliseconds.
     */
    default boolean slowToCompile() {
        return false;
    }

    /** This kernel's top-1 scan of float32 rows, or null to leave it to the batch scorer's scalar scan. */
    default FloatArgmax floatArgmax() {
        return null;
    }
}
