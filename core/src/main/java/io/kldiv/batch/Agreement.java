package io.kldiv.batch;

/**
 * How often p and q rank categories alike, over valid rows.
 *
 * @param k      the k of top-k (1 for top-1 agreement)
 * @param rate   mean over rows of |top-k(p) ∩ top-k(q)| / k; for k = 1, the fraction of rows whose argmax agrees
 * @param stderr standard error of that mean
 */
public record Agreement(int k, double rate, double stderr) {
}
