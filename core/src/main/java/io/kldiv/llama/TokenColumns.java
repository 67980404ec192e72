package io.kldiv.llama;

import java.lang.foreign.MemorySegment;

/**
 * The per-row values llama.cpp's token statistics are built from, one entry per scored token, off-heap (or any
 * segments: tests use arrays).
 *
 * @param rows      the number of rows
 * @param logProbP  float64 per row: ln p of the token that came next, as p's file stores it
 * @param logProbQ  float64 per row: the same under q
 * @param sameTop   one byte per row: 1 where p's and q's largest values sit at the same category, else 0
 */
public record TokenColumns(long rows, MemorySegment logProbP, MemorySegment logProbQ, MemorySegment sameTop) {
    public TokenColumns {
        if (rows < 0 || logProbP.byteSize() < rows * Double.BYTES || logProbQ.byteSize() < rows * Double.BYTES
                || sameTop.byteSize() < rows) {
            throw new IllegalArgumentException("columns too short for " + rows + " rows");
        }
    }
}
