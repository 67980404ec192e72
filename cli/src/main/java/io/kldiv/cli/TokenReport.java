package io.kldiv.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kldiv.LogBase;
import io.kldiv.llama.TokenStatistics;
import io.kldiv.llama.TokenStatistics.Estimate;
import io.kldiv.llama.TokenStatistics.Quantile;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * llama.cpp's token statistics of a pair of base files, printed in the layout of {@code llama-perplexity
 * --kl-divergence} (p in the role of its "base", q in that of its "Q") and written as the summary JSON's
 * {@code "tokens"} object.
 */
final class TokenReport {
    private TokenReport() {
    }

    static void print(PrintWriter out, TokenStatistics t, LogBase base) {
        out.println();
        out.printf(Locale.ROOT, "====== llama.cpp token statistics: %,d tokens, p as the base model, q as Q ======%n", t.tokens());
        out.println(line("Mean PPL(q)                 ", t.perplexityQ(), 1, "%10.6f"));
        out.println(line("Mean PPL(p)                 ", t.perplexityP(), 1, "%10.6f"));
        out.println("Cor(ln(PPL(q)), ln(PPL(p))) : " + value("%6.2f", 100 * t.correlation()) + "%");
        out.println(line("Mean ln(PPL(q)/PPL(p))      ", t.lnPerplexityRatio(), 1, "%10.6f"));
        out.println(line("Mean PPL(q)/PPL(p)          ", t.perplexityRatio(), 1, "%10.6f"));
        out.println(line("Mean PPL(q)-PPL(p)          ", t.perplexityDifference(), 1, "%10.6f"));
        out.println(Double.isNaN(t.kl().value()) ? "Mean    KLD: not scored (add kl to --measure)"
                : line("Mean    KLD", t.kl(), 1, "%10.6f") + " " + base.label());
        out.println(line("Mean    Δp", t.meanDeltaP(), 100, "%6.3f") + " %");
        for (Quantile q : t.deltaP()) {
            out.println(quantileLabel(q.fraction()) + " Δp: " + value("%6.3f", 100 * q.value()) + "%");
        }
        out.println(line("RMS Δp    ", t.rmsDeltaP(), 100, "%6.3f") + " %");
        out.println(line("Same top p", t.sameTop(), 100, "%6.3f") + " %");
        if (t.tokens() < TokenStatistics.MIN_ROWS_FOR_UNCERTAINTY) {
            out.println("(no uncertainties for " + t.tokens() + " tokens: they need at least "
                    + TokenStatistics.MIN_ROWS_FOR_UNCERTAINTY + ")");
        }
    }

    private static String line(String label, Estimate e, double scale, String format) {
        return label + ": " + value(format, scale * e.value()) + " ± " + value(format, scale * e.uncertainty());
    }

    /** A number in the format, or "-" in its width when there is none. */
    private static String value(String format, double v) {
        String s = String.format(Locale.ROOT, format, v);
        return Double.isNaN(v) ? " ".repeat(Math.max(0, s.length() - 1)) + "-" : s;
    }

    /** llama.cpp's labels: "Maximum", "99.9%  ", "Median ", " 0.1%  ", "Minimum". */
    private static String quantileLabel(double fraction) {
        if (fraction == 1) {
            return "Maximum";
        }
        if (fraction == 0) {
            return "Minimum";
        }
        if (fraction == 0.5) {
            return "Median ";
        }
        return String.format(Locale.ROOT, "%4.1f%%  ", 100 * fraction);
    }

    /** The JSON key of a Δp percentile: max, p99_9, …, median, …, p0_1, min (as the measures' percentiles). */
    static String quantileKey(double fraction) {
        if (fraction == 1) {
            return "max";
        }
        if (fraction == 0) {
            return "min";
        }
        if (fraction == 0.5) {
            return "median";
        }
        long perMille = Math.round(1000 * fraction);
        return "p" + perMille / 10 + (perMille % 10 == 0 ? "" : "_" + perMille % 10);
    }

    /** The summary JSON's "tokens" object: fractions, not percent; the KLD in the job's unit. */
    static void json(JsonGenerator g, TokenStatistics t) throws IOException {
        g.writeObjectFieldStart("tokens");
        g.writeNumberField("count", t.tokens());
        estimate(g, "ppl_q", t.perplexityQ());
        estimate(g, "ppl_p", t.perplexityP());
        SummaryJson.number(g, "ln_ppl_correlation", t.correlation());
        estimate(g, "ln_ppl_ratio", t.lnPerplexityRatio());
        estimate(g, "ppl_ratio", t.perplexityRatio());
        estimate(g, "ppl_difference", t.perplexityDifference());
        estimate(g, "kld", t.kl());
        estimate(g, "delta_p_mean", t.meanDeltaP());
        g.writeObjectFieldStart("delta_p");
        for (Quantile q : t.deltaP()) {
            SummaryJson.number(g, quantileKey(q.fraction()), q.value());
        }
        g.writeEndObject();
        estimate(g, "delta_p_rms", t.rmsDeltaP());
        estimate(g, "same_top_p", t.sameTop());
        g.writeEndObject();
    }

    private static void estimate(JsonGenerator g, String name, Estimate e) throws IOException {
        SummaryJson.number(g, name, e.value());
        SummaryJson.number(g, name + "_uncertainty", e.uncertainty());
    }
}
