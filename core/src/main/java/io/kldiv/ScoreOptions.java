package io.kldiv;

import java.util.List;

/**
 * Everything that decides what a row's results are, apart from the row's values: the measures (in output
 * order), the unit, each side's input form, the invalid-row policy and the row-sum tolerance.
 *
 * @param measures     the measures to compute, in the order results are returned; at least one, no repeats
 * @param base         the unit of the results
 * @param pForm        how p's values are encoded
 * @param qForm        how q's values are encoded
 * @param onInvalid    what happens to a row that breaks its input form
 * @param sumTolerance how far a row sum may stray from 1 (logsumexp from 0); NaN means the dtype's default
 */
public record ScoreOptions(
        List<Measure> measures, LogBase base, InputForm pForm, InputForm qForm, InvalidPolicy onInvalid,
        double sumTolerance) {

    public ScoreOptions {
        measures = List.copyOf(measures);
        if (measures.isEmpty()) {
            throw new IllegalArgumentException("at least one measure is required");
        }
        if (measures.stream().distinct().count() != measures.size()) {
            throw new IllegalArgumentException("a measure is listed twice: " + measures);
        }
        if (base == null || pForm == null || qForm == null || onInvalid == null) {
            throw new IllegalArgumentException("base, input forms and invalid-row policy are required");
        }
        if (!Double.isNaN(sumTolerance) && !(sumTolerance >= 0.0 && sumTolerance < 1.0)) {
            throw new IllegalArgumentException("row-sum tolerance must be in [0, 1), got " + sumTolerance);
        }
    }

    /** The given measures in nats, both sides probabilities, errors stop the job, default tolerance. */
    public static ScoreOptions of(Measure... measures) {
        return new ScoreOptions(List.of(measures), LogBase.NATS, InputForm.PROB, InputForm.PROB,
                InvalidPolicy.ERROR, Double.NaN);
    }

    public ScoreOptions withMeasures(List<Measure> m) {
        return new ScoreOptions(m, base, pForm, qForm, onInvalid, sumTolerance);
    }

    public ScoreOptions withBase(LogBase b) {
        return new ScoreOptions(measures, b, pForm, qForm, onInvalid, sumTolerance);
    }

    /** Both sides in the same form. */
    public ScoreOptions withForms(InputForm both) {
        return withForms(both, both);
    }

    public ScoreOptions withForms(InputForm p, InputForm q) {
        return new ScoreOptions(measures, base, p, q, onInvalid, sumTolerance);
    }

    public ScoreOptions withOnInvalid(InvalidPolicy policy) {
        return new ScoreOptions(measures, base, pForm, qForm, policy, sumTolerance);
    }

    public ScoreOptions withSumTolerance(double tolerance) {
        return new ScoreOptions(measures, base, pForm, qForm, onInvalid, tolerance);
    }

    /** The tolerance in force for columns of the given type. */
    public double sumTolerance(Dtype dtype) {
        return Double.isNaN(sumTolerance) ? dtype.defaultSumTolerance() : sumTolerance;
    }

    /**
     * True when both sides' values are probabilities ({@code prob}, {@code normalize}): a KL log ratio is then
     * taken from the two values, exact near 1, rather than from two logs (SEMANTICS.md, Accuracy).
     */
    public boolean ratioOfProbabilities() {
        return pForm.givesProbabilities() && qForm.givesProbabilities();
    }
}
