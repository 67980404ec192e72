package io.kldiv.reference;

/**
 * One side of a row after its input form has been applied: the probability and its natural log per category.
 * Both are kept because the log is often known more precisely than ln(prob) (a logits row whose probability
 * underflows to 0 still has a finite log-probability).
 *
 * @param prob       probabilities, each ≥ 0
 * @param logProb    ln of each probability; −inf where the probability is exactly 0 by construction
 * @param probNative true when {@code prob} is the primary value and {@code logProb} was derived from it (forms
 *                   {@code prob} and {@code normalize}): a ratio of two such sides is then taken from the
 *                   probabilities, where it is exact to the last bit near 1, rather than from two rounded logs
 */
public record Distribution(double[] prob, double[] logProb, boolean probNative) {
    public Distribution {
        if (prob.length != logProb.length) {
            throw new IllegalArgumentException("prob and logProb lengths differ");
        }
    }

    public int size() {
        return prob.length;
    }
}
