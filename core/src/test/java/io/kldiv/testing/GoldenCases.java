package io.kldiv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kldiv.Measure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
        try (InputStream in = GoldenCases.class.getResourceAsStream("/kl_cases.json")) {
            if (in == null) {
                throw new IllegalStateException("kl_cases.json is missing from the test resources");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(new Case(c.get("name").asText(), numbers(c.get("p")), numbers(c.get("q")),
                        measures(c.get("nats")), measures(c.get("bits"))));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Measure, Double> measures(JsonNode node) {
        Map<Measure, Double> m = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
            // The file spells measure names with underscores: reverse_kl, js_distance, ...
            JsonNode v = node.get(measure.id().replace('-', '_'));
            if (v == null) {
                throw new IllegalStateException("golden case lacks " + measure.id());
            }
            m.put(measure, number(v));
        }
        return m;
    }

    private static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    private static double number(JsonNode v) {
        if (v.isTextual()) {
            return switch (v.asText()) {
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                case "nan" -> Double.NaN;
                default -> throw new IllegalStateException("not a number: " + v);
            };
        }
        return v.asDouble();
    }
}
