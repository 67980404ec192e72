package io.kldiv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.kldiv.Measure;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The SciPy-computed cases of {@code kl_cases.json} (a copy of shared/golden in the test resources). */
public final class GoldenCases {

    /** One case: a row pair and the expected value of every measure in nats and in bits. */
    public record Case(String name, double[] p, double[] q, Map<Measure, Double> nats, Map<Measure, Double> bits) {
        @Override
        public String toString() {
            return name;
        }
    }

    private GoldenCases() {
    }

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : GoldenFile.cases("kl_cases.json")) {
            cases.add(new Case(c.get("name").asText(), GoldenFile.numbers(c.get("p")), GoldenFile.numbers(c.get("q")),
                    measures(c.get("nats")), measures(c.get("bits"))));
        }
        return cases;
    }

    private static Map<Measure, Double> measures(JsonNode node) {
        Map<Measure, Double> m = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
            // The file spells measure names with underscores: reverse_kl, js_distance, ...
            JsonNode v = node.get(measure.id().replace('-', '_'));
            if (v == null) {
                throw new IllegalStateException("golden case lacks " + measure.id());
            }
            m.put(measure, GoldenFile.number(v));
        }
        return m;
    }
}
