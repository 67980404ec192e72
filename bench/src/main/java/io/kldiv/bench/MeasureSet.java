package io.kldiv.bench;

import io.kldiv.InputForm;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;

/** The {@code measure} axis: one measure by its API name, or {@code all} for every measure in one pass. */
public final class MeasureSet {
    public static final String ALL = "all";

    private MeasureSet() {
    }

    public static Measure[] parse(String id) {
        return ALL.equals(id.trim()) ? Measure.values() : new Measure[] {Measure.byId(id)};
    }

    /** The options of a benchmark row: its measures, both sides in its input form, nats, errors stop the run. */
    public static ScoreOptions options(String measure, String form) {
        return ScoreOptions.of(parse(measure)).withForms(InputForm.parse(form, 1.0));
    }
}
