package io.kldiv.kernel;

import java.lang.foreign.MemorySegment;

/**
 * A kernel's own way to find the top-1 category of a float32 row for top-1 agreement: the index of the first
 * largest value, where a NaN is never larger than anything (so a row that starts with NaN answers 0). It must give
 * exactly the answer of the batch scorer's scalar scan ({@code io.kldiv.batch.RankAgreement}); a vector kernel's
 * is several times faster, and top-1 agreement is computed for every row of every job.
 */
@FunctionalInterface
public interface FloatArgmax {

    /** The top-1 category of the {@code k} float32 values (native order) at byte {@code rowOffset}. */
    int of(MemorySegment values, long rowOffset, int k);
}
