package io.kldiv.kernel;

import io.kldiv.InputForm;
import java.lang.foreign.MemorySegment;

/**
 * The scalar "give me p and ln p" step for one side's row in its input form, with the form's validity check
 * folded into the same read. It answers only valid or not: {@link FlaggedRows} finds out why.
 */
abstract sealed class SideDecoder {

    /**
     * @param logs whether ln p is wanted from a probability-form side: computing it costs a log per value, and
     *     KL and JS between probabilities take their logs from both sides together
     */
    static SideDecoder of(InputForm form, double tolerance, boolean logs) {
        return switch (form.kind()) {
            case PROB -> new Probabilities(tolerance, logs);
            case NORMALIZE -> new Normalized(logs);
            case LOGPROB -> new LogProbabilities(tolerance);
            case LOGITS -> new Logits(form.temperature());
        };
    }

    /**
     * Decodes the row at byte {@code rowOffset} into {@code prob} and, unless a probability-form side was made
     * without logs, {@code logProb} (their length is k).
     *
     * @return false when the row breaks the form
     */
    abstract boolean decode(MemorySegment values, RowValues reader, long rowOffset, double[] prob, double[] logProb);

    private static final class Probabilities extends SideDecoder {
        private final double tolerance;
        private final boolean logs;

        Probabilities(double tolerance, boolean logs) {
            this.tolerance = tolerance;
            this.logs = logs;
        }

        @Override
        boolean decode(MemorySegment values, RowValues reader, long rowOffset, double[] prob, double[] logProb) {
            // A −0.0, which is valid, fails this check too and is settled by the reference (FlaggedRows).
            if (!(Math.abs(reader.readProbabilities(values, rowOffset, prob) - 1.0) <= tolerance)) {
                return false;
            }
            if (logs) {
                for (int i = 0; i < prob.length; i++) {
                    logProb[i] = Math.log(prob[i]);
                }
            }
            return true;
        }
    }

    private static final class Normalized extends SideDecoder {
        private final boolean logs;

        Normalized(boolean logs) {
            this.logs = logs;
        }

        @Override
        boolean decode(MemorySegment values, RowValues reader, long rowOffset, double[] prob, double[] logProb) {
            double sum = reader.readProbabilities(values, rowOffset, prob);
            if (!(sum > 0.0) || sum == Double.POSITIVE_INFINITY) {
                return false;
            }
            for (int i = 0; i < prob.length; i++) {
                prob[i] /= sum;
            }
            if (logs) {
                for (int i = 0; i < prob.length; i++) {
                    logProb[i] = Math.log(prob[i]);
                }
            }
            return true;
        }
    }

    private static final class LogProbabilities extends SideDecoder {
        private final double tolerance;

        LogProbabilities(double tolerance) {
            this.tolerance = tolerance;
        }

        @Override
        boolean decode(MemorySegment values, RowValues reader, long rowOffset, double[] prob, double[] logProb) {
            reader.read(values, rowOffset, logProb);
            // A valid row has every value ≤ about 0, so Σ exp(x) cannot overflow; one that does is invalid anyway.
            double sumExp = 0.0;
            boolean noNanOrPlusInf = true;
            for (int i = 0; i < logProb.length; i++) {
                double x = logProb[i];
                noNanOrPlusInf &= x == x && x != Double.POSITIVE_INFINITY;
                prob[i] = Math.exp(x);
                sumExp += prob[i];
            }
            return noNanOrPlusInf && Math.abs(Math.log(sumExp)) <= tolerance;
        }
    }

    private static final class Logits extends SideDecoder {
        private final double temperature;

        Logits(double temperature) {
            this.temperature = temperature;
        }

        @Override
        boolean decode(MemorySegment values, RowValues reader, long rowOffset, double[] prob, double[] logProb) {
            reader.read(values, rowOffset, logProb);
            double max = Double.NEGATIVE_INFINITY;
            boolean noNanOrPlusInf = true;
            for (double x : logProb) {
                noNanOrPlusInf &= x == x && x != Double.POSITIVE_INFINITY;
                max = Math.max(max, x);
            }
            if (!noNanOrPlusInf || max == Double.NEGATIVE_INFINITY) {
                return false;
            }
            // Shift by the maximum before dividing by T: every intermediate stays finite for finite input. The
            // first maximum adds exactly 1, so ln s is log1p of the others, as the reference takes it.
            int first = -1;
            double others = 0.0;
            for (int i = 0; i < logProb.length; i++) {
                if (first < 0 && logProb[i] == max) {
                    first = i;
                    logProb[i] = 0.0;
                    continue;
                }
                logProb[i] = (logProb[i] - max) / temperature;
                others += Math.exp(logProb[i]);
            }
            double lnSum = Math.log1p(others);
            for (int i = 0; i < logProb.length; i++) {
                logProb[i] -= lnSum;
                prob[i] = Math.exp(logProb[i]);
            }
            return true;
        }
    }
}
