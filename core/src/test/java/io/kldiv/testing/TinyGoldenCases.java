package io.kldiv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.kldiv.Dtype;
import io.kldiv.InputForm;
import io.kldiv.Measure;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The near-identical rows of {@code tiny_kl_cases.json} (a copy of shared/golden in the test resources): stored
 * values, their form, and each measure's exact value (40-digit mpmath) with its S, both in nats.
 */
public final class TinyGoldenCases {

    /** One case: the row pair as stored (float32 values already widened), its form, truth and S per measure. */
    public record Case(String name, Dtype dtype, InputForm form, double[] p, double[] q,
                       Map<Measure, Double> truth, Map<Measure, Double> scale) {
        @Override
        public String toString() {
            return name;
        }
    }

    private TinyGoldenCases() {
    }

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : GoldenFile.cases("tiny_kl_cases.json")) {
            double temperature = c.has("temperature") ? c.get("temperature").asDouble() : 1.0;
            cases.add(new Case(c.get("name").asText(), Dtype.byId(c.get("dtype").asText()),
                    InputForm.parse(c.get("form").asText(), temperature),
                    GoldenFile.numbers(c.get("p")), GoldenFile.numbers(c.get("q")), measures(c.get("nats")),
                    measures(c.get("scale_S"))));
        }
        return cases;
    }

    /** Decimal strings of 25+ digits, read to the nearest double: far closer than any bound asks. */
    private static Map<Measure, Double> measures(JsonNode node) {
        Map<Measure, Double> m = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
            JsonNode v = node.get(measure.id());
            if (v == null) {
                throw new IllegalStateException("tiny golden case lacks " + measure.id());
            }
            m.put(measure, GoldenFile.number(v));
        }
        return m;
    }
}
