package io.kldiv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The cases of a golden file (a copy of shared/golden in the test resources), as JSON, and its number arrays. */
final class GoldenFile {
    private GoldenFile() {
    }

    /** The {@code cases} array of the resource {@code /name}. */
    static JsonNode cases(String name) {
        try (InputStream in = GoldenFile.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test resources");
            }
            return new ObjectMapper().readTree(in).get("cases");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of numbers. */
    static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    /** A JSON number, or a string: "inf", "-inf", "nan" or a decimal with more digits than a double holds. */
    static double number(JsonNode v) {
        if (!v.isTextual()) {
            return v.asDouble();
        }
        return switch (v.asText()) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(v.asText());
        };
    }
}
