package io.kldiv.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kldiv.InvalidReason;
import io.kldiv.ScoreOptions;
import io.kldiv.batch.Agreement;
import io.kldiv.batch.BatchSummary;
import io.kldiv.batch.MeasureSummary;
import io.kldiv.batch.Percentile;
import io.kldiv.llama.TokenStatistics;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The machine-readable summary ({@code --summary-json}). Non-finite numbers, which JSON cannot hold, are written
 * as the strings {@code "inf"}, {@code "-inf"} and {@code "nan"}, as in kldiv's golden test file.
 */
final class SummaryJson {
    private SummaryJson() {
    }

    static void write(OutputStream out, BatchSummary s, ScoreOptions options, JobTimes times) throws IOException {
        write(out, s, null, options, times);
    }

    /** With llama.cpp's token statistics of a pair of base files as a "tokens" object, when there are any. */
    static void write(OutputStream out, BatchSummary s, TokenStatistics tokens, ScoreOptions options, JobTimes times)
            throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("rows", s.rows());
            g.writeNumberField("k", s.k());
            g.writeStringField("dtype", s.dtype().id());
            g.writeNumberField("threads", s.threads());
            g.writeStringField("kernel", s.kernel());
            number(g, "seconds", s.seconds());
            number(g, "warmup_seconds", s.warmupSeconds());
            number(g, "startup_seconds", times.startupSeconds());
            number(g, "wall_seconds", times.wallSeconds());
            g.writeNumberField("bytes_scanned", s.bytesScanned());
            number(g, "gb_per_second", s.gigabytesPerSecond());
            g.writeStringField("unit", options.base().label());
            g.writeStringField("p_input", options.pForm().toString());
            g.writeStringField("q_input", options.qForm().toString());
            g.writeStringField("on_invalid", options.onInvalid().id());
            g.writeObjectFieldStart("invalid");
            for (Map.Entry<InvalidReason, Long> e : s.invalid().entrySet()) {
                g.writeNumberField(e.getKey().key(), e.getValue());
            }
            g.writeEndObject();
            number(g, "top1_agreement", s.top1().rate());
            number(g, "top1_agreement_stderr", s.top1().stderr());
            if (s.topK() != null) {
                agreement(g, s.topK());
            }
            g.writeObjectFieldStart("measures");
            for (MeasureSummary m : s.measures()) {
                g.writeObjectFieldStart(m.measure().id());
                g.writeNumberField("count", m.count());
                number(g, "mean", m.mean());
                number(g, "stderr", m.stderr());
                number(g, "min", m.min());
                for (Percentile p : Percentile.values()) {
                    number(g, p.key(), m.percentile(p));
                }
                number(g, "max", m.max());
                g.writeNumberField("inf_count", m.infCount());
                g.writeEndObject();
            }
            g.writeEndObject();
            if (tokens != null) {
                TokenReport.json(g, tokens);
            }
            g.writeEndObject();
        }
    }

    private static void agreement(JsonGenerator g, Agreement a) throws IOException {
        g.writeObjectFieldStart("top_k_overlap");
        g.writeNumberField("k", a.k());
        number(g, "rate", a.rate());
        number(g, "stderr", a.stderr());
        g.writeEndObject();
    }

    static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeStringField(name, "nan");
        } else if (Double.isInfinite(v)) {
            g.writeStringField(name, v > 0 ? "inf" : "-inf");
        } else {
            g.writeNumberField(name, v);
        }
    }
}
