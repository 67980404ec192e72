package io.kldiv.cli;

import io.kldiv.InvalidReason;
import io.kldiv.LogBase;
import io.kldiv.batch.Agreement;
import io.kldiv.batch.BatchSummary;
import io.kldiv.batch.MeasureSummary;
import io.kldiv.batch.Percentile;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The human summary printed on stdout: one column per measure, one line per statistic. */
final class SummaryReport {
    private static final int LABEL = 16;
    private static final int COLUMN = 14;

    private SummaryReport() {
    }

    static void print(PrintWriter out, String title, BatchSummary s, LogBase base, JobTimes times) {
        out.printf(Locale.ROOT, "%s: %,d rows x K=%,d %s, %d thread%s, kernel %s%n", title, s.rows(), s.k(), s.dtype(),
                s.threads(), s.threads() == 1 ? "" : "s", s.kernel());
        out.printf(Locale.ROOT, "scored in %.3f s: %,.0f rows/s, %.2f GB/s of p and q%n", s.seconds(),
                s.rows() / Math.max(s.seconds(), 1e-9), s.gigabytesPerSecond());
        out.printf(Locale.ROOT, "wall %.3f s since the process started: start-up %.3f s, kernel warm-up %.3f s, scoring %.3f s%n",
                times.wallSeconds(), times.startupSeconds(), s.warmupSeconds(), s.seconds());
        out.println();
        List<MeasureSummary> ms = s.measures();
        StringBuilder header = new StringBuilder(pad("(" + base.label() + ")", LABEL));
        for (MeasureSummary m : ms) {
            header.append(leftPad(m.measure().id(), COLUMN));
        }
        out.println(header);
        row(out, "mean", ms, m -> number(m.mean()));
        row(out, "  +- stderr", ms, m -> number(m.stderr()));
        row(out, "min", ms, m -> number(m.min()));
        for (Percentile p : Percentile.values()) {
            row(out, p == Percentile.MEDIAN ? "median" : p.key().replace('_', '.'), ms, m -> number(m.percentile(p)));
        }
        row(out, "max", ms, m -> number(m.max()));
        row(out, "+inf rows", ms, m -> String.format(Locale.ROOT, "%,d", m.infCount()));
        out.println();
        out.println(agreement("top-1 agreement", s.top1()));
        if (s.topK() != null) {
            out.println(agreement("top-" + s.topK().k() + " overlap", s.topK()));
        }
        out.println("invalid rows: " + invalid(s.invalid()));
    }

    private static String agreement(String label, Agreement a) {
        return String.format(Locale.ROOT, "%s: %.4f%% +- %.4f%%", label, 100 * a.rate(), 100 * a.stderr());
    }

    static String invalid(Map<InvalidReason, Long> invalid) {
        if (invalid.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        invalid.forEach((reason, count) -> {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(String.format(Locale.ROOT, "%,d %s", count, reason.key()));
        });
        return sb.toString();
    }

    private static void row(PrintWriter out, String label, List<MeasureSummary> ms, Function<MeasureSummary, String> cell) {
        StringBuilder sb = new StringBuilder(pad(label, LABEL));
        for (MeasureSummary m : ms) {
            sb.append(leftPad(cell.apply(m), COLUMN));
        }
        out.println(sb);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-4 || a >= 1e6) ? String.format(Locale.ROOT, "%.4e", v) : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private static String leftPad(String s, int width) {
        return s.length() >= width ? " " + s : " ".repeat(width - s.length()) + s;
    }
}
