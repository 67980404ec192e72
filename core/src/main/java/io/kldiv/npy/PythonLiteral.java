package io.kldiv.npy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python literal in a .npy header: a dict of strings, booleans, integers and tuples, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}. Values come back as String, Boolean,
 * Long, List (tuple or list), Map (nested dict) or null (None). Anything else is rejected.
 */
final class PythonLiteral {
    private final String text;
    private int at;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException saying where the text stops being a literal */
    static Map<String, Object> parseDict(String text) {
        PythonLiteral parser = new PythonLiteral(text);
        parser.skipSpace();
        if (!parser.peekIs('{')) {
            throw parser.error("expected a dict");
        }
        Object dict = parser.value();
        parser.skipSpace();
        if (parser.at != text.length()) {
            throw parser.error("unexpected text after the dict");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) dict;
        return result;
    }

    private Object value() {
        skipSpace();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '\'', '"' -> string();
            case '(' -> sequence(')');
            case '[' -> sequence(']');
            case '{' -> dict();
            default -> c == '-' || Character.isDigit(c) ? integer() : word();
        };
    }

    private String string() {
        char quote = text.charAt(at++);
        StringBuilder out = new StringBuilder();
        while (at < text.length() && text.charAt(at) != quote) {
            if (text.charAt(at) == '\\' && at + 1 < text.length()) {
                at++;
            }
            out.append(text.charAt(at++));
        }
        if (at >= text.length()) {
            throw error("unterminated string");
        }
        at++;
        return out.toString();
    }

    private List<Object> sequence(char close) {
        at++;
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peekIs(close)) {
                at++;
                return items;
            }
            items.add(value());
            skipSpace();
            if (peekIs(',')) {
                at++;
            } else if (!peekIs(close)) {
                throw error("expected ',' or '" + close + "'");
            }
        }
    }

    private Map<String, Object> dict() {
        at++;
        Map<String, Object> entries = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peekIs('}')) {
                at++;
                return entries;
            }
            if (!peekIs('\'') && !peekIs('"')) {
                throw error("expected a string key");
            }
            String key = string();
            skipSpace();
            if (!peekIs(':')) {
                throw error("expected ':'");
            }
            at++;
            entries.put(key, value());
            skipSpace();
            if (peekIs(',')) {
                at++;
            } else if (!peekIs('}')) {
                throw error("expected ',' or '}'");
            }
        }
    }

    private Long integer() {
        int start = at;
        if (peekIs('-')) {
            at++;
        }
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        String digits = text.substring(start, at);
        if (peekIs('L')) {
            at++; // Python 2 long suffix, found in headers numpy wrote under Python 2
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error("bad integer '" + digits + "'");
        }
    }

    private Object word() {
        int start = at;
        while (at < text.length() && Character.isLetter(text.charAt(at))) {
            at++;
        }
        return switch (text.substring(start, at)) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> null;
            default -> throw error("unexpected '" + text.substring(start, Math.min(text.length(), start + 10)) + "'");
        };
    }

    private boolean peekIs(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " at character " + at);
    }
}
