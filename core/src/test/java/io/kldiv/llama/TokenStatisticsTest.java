package io.kldiv.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token statistics of a few rows whose values are worked out by hand. */
class TokenStatisticsTest {

    private static TokenColumns columns(double[] lnP, double[] lnQ, byte[] same) {
        return new TokenColumns(lnP.length, MemorySegment.ofArray(lnP), MemorySegment.ofArray(lnQ), MemorySegment.ofArray(same));
    }

    @Test
    void fourRowsByHand() {
        double ln2 = Math.log(2);
        // p(token) = 1/2, 1/4, 1/2, 1/8 and q(token) = 1/4, 1/4, 1, 1/2; the fifth row is left out (an invalid row).
        double[] lnP = {-ln2, -2 * ln2, -ln2, -3 * ln2, Double.NaN};
        double[] lnQ = {-2 * ln2, -2 * ln2, 0, -ln2, 7};
        byte[] same = {1, 0, 1, 1, 1};
        double[] kl = {0.1, 0.2, 0.3, 0.4, 99};
        TokenStatistics s = TokenStatistics.compute(columns(lnP, lnQ, same), MemorySegment.ofArray(kl), r -> r < 4);
        assertEquals(4, s.tokens());
        // Mean −ln p = 7/4 ln 2, mean −ln q = 5/4 ln 2.
        assertEquals(Math.pow(2, 7 / 4.0), s.perplexityP().value(), 1e-14);
        assertEquals(Math.pow(2, 5 / 4.0), s.perplexityQ().value(), 1e-14);
        assertEquals(-0.5 * ln2, s.lnPerplexityRatio().value(), 1e-15);
        assertEquals(Math.sqrt(0.5), s.perplexityRatio().value(), 1e-15);
        assertEquals(Math.pow(2, 5 / 4.0) - Math.pow(2, 7 / 4.0), s.perplexityDifference().value(), 1e-14);
        assertEquals(0.25, s.kl().value(), 1e-16);
        // Δp = −1/4, 0, 1/2, 3/8.
        assertEquals(0.15625, s.meanDeltaP().value(), 1e-16);
        assertEquals(Math.sqrt((0.0625 + 0.25 + 0.140625) / 4), s.rmsDeltaP().value(), 1e-16);
        assertEquals(0.75, s.sameTop().value());
        // Sorted −0.25, 0, 0.375, 0.5; fraction f sits at 3f between them.
        List<Double> expected = List.of(0.5, 0.5 - 0.003 * 0.125, 0.5 - 0.03 * 0.125, 0.5 - 0.15 * 0.125,
                0.375 + 0.7 * 0.125, 0.375 + 0.25 * 0.125, 0.1875, -0.25 + 0.75 * 0.25, -0.25 + 0.3 * 0.25,
                -0.25 + 0.15 * 0.25, -0.25 + 0.03 * 0.25, -0.25 + 0.003 * 0.25, -0.25);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), s.deltaP().get(i).value(), 1e-15, "Δp at " + s.deltaP().get(i).fraction());
        }
        // Ten rows or fewer: no uncertainty (llama.cpp prints 0 there), no correlation.
        for (TokenStatistics.Estimate e : List.of(s.perplexityP(), s.perplexityQ(), s.lnPerplexityRatio(), s.kl(),
                s.meanDeltaP(), s.rmsDeltaP(), s.sameTop())) {
            assertTrue(Double.isNaN(e.uncertainty()), e.toString());
        }
        assertTrue(Double.isNaN(s.correlation()));
    }

    @Test
    void identicalSidesDifferByNothingWithCertainty() {
        int n = 12;
        double[] ln = new double[n];
        byte[] same = new byte[n];
        for (int r = 0; r < n; r++) {
            ln[r] = -0.3 * (r + 1);
            same[r] = 1;
        }
        TokenStatistics s = TokenStatistics.compute(columns(ln, ln.clone(), same), null, r -> true);
        assertEquals(s.perplexityP(), s.perplexityQ());
        // Mean −ln p = 0.3·6.5 = 1.95; Σ(x − 1.95)² = 0.09·143 = 12.87, so the uncertainty is √(12.87/12/11).
        assertEquals(Math.exp(1.95), s.perplexityP().value(), 1e-13);
        assertEquals(Math.exp(1.95) * Math.sqrt(12.87 / 12 / 11), s.perplexityP().uncertainty(), 1e-13);
        assertEquals(new TokenStatistics.Estimate(0, 0), s.lnPerplexityRatio());
        assertEquals(1, s.correlation(), 1e-15);
        assertEquals(new TokenStatistics.Estimate(0, 0), s.meanDeltaP());
        assertEquals(new TokenStatistics.Estimate(0, 0), s.rmsDeltaP());
        assertEquals(0, s.perplexityDifference().value());
        assertEquals(0, s.perplexityDifference().uncertainty(), 1e-7);
        assertEquals(new TokenStatistics.Estimate(1, 0), s.sameTop());
        assertTrue(Double.isNaN(s.kl().value()) && Double.isNaN(s.kl().uncertainty()), "kl not scored");
    }

    @Test
    void noRowsGiveNoNumbers() {
        TokenStatistics s = TokenStatistics.compute(columns(new double[0], new double[0], new byte[0]), null, r -> true);
        assertEquals(0, s.tokens());
        assertTrue(Double.isNaN(s.perplexityP().value()) && Double.isNaN(s.sameTop().value()));
        assertTrue(s.deltaP().stream().allMatch(q -> Double.isNaN(q.value())));
    }
}
