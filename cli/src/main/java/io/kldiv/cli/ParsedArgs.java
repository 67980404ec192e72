package io.kldiv.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a command line gave one command's options, made by {@link ArgumentParser}. The getters return
 * the option's default when it was not given (null when it has none) and turn a value that does not convert
 * into a usage error naming the option.
 */
final class ParsedArgs {
    private final Map<Option, List<String>> values = new HashMap<>();
    private String positional;
    private Option requested;

    /** Records a value (a flag records none); options that are not lists take one. */
    void add(Option option, String value) {
        List<String> given = values.get(option);
        if (given == null) {
            given = new ArrayList<>(1);
            values.put(option, given);
        } else if (!option.isCommaSeparated()) {
            throw new UsageException("option '" + option + "' is given more than once");
        }
        if (value != null) {
            given.add(value);
        }
    }

    void positional(String value) {
        positional = value;
    }

    /** Remembers {@code --help} or {@code --version}: the command does not run. */
    void request(Option helpOrVersion) {
        requested = helpOrVersion;
    }

    boolean helpRequested() {
        return requested == Option.HELP;
    }

    boolean versionRequested() {
        return requested == Option.VERSION;
    }

    boolean has(Option option) {
        return values.containsKey(option);
    }

    boolean flag(Option option) {
        return has(option);
    }

    /** The positional argument; null when none was given. */
    String positional() {
        return positional;
    }

    /** The value given, or the default. */
    String value(Option option) {
        List<String> given = values.get(option);
        return given == null ? option.defaultValue() : given.getLast();
    }

    /** A list option's values, every given value split at commas, or its default so split. */
    List<String> list(Option option) {
        List<String> given = values.get(option);
        if (given == null) {
            given = option.defaultValue() == null ? List.of() : List.of(option.defaultValue());
        }
        List<String> items = new ArrayList<>();
        for (String value : given) {
            int start = 0;
            for (int comma; (comma = value.indexOf(',', start)) >= 0; start = comma + 1) {
                items.add(value.substring(start, comma));
            }
            items.add(value.substring(start));
        }
        return items;
    }

    Path path(Option option) {
        return toPath(option, value(option));
    }

    /** The positional argument as a path; null when none was given. */
    Path positionalPath(String label) {
        try {
            return positional == null ? null : Path.of(positional);
        } catch (InvalidPathException e) {
            throw new UsageException("invalid " + label + ": " + e.getMessage());
        }
    }

    Integer intValue(Option option) {
        Long v = wholeNumber(option, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return v == null ? null : v.intValue();
    }

    Long longValue(Option option) {
        return wholeNumber(option, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private Long wholeNumber(Option option, long min, long max) {
        String text = value(option);
        if (text == null) {
            return null;
        }
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            // Digits that are not a long are beyond any range asked for.
            throw isInteger(text) ? outOfRange(option, text, min, max)
                    : UsageException.invalidValue(option, "'" + text + "' is not a whole number");
        }
        if (v < min || v > max) {
            throw outOfRange(option, text, min, max);
        }
        return v;
    }

    private static UsageException outOfRange(Option option, String text, long min, long max) {
        return UsageException.invalidValue(option, text + " is out of range (" + min + " to " + max + ")");
    }

    Double doubleValue(Option option) {
        String text = value(option);
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw UsageException.invalidValue(option, "'" + text + "' is not a number");
        }
    }

    private static Path toPath(Option option, String text) {
        try {
            return text == null ? null : Path.of(text);
        } catch (InvalidPathException e) {
            throw UsageException.invalidValue(option, e.getMessage());
        }
    }

    /** Digits with an optional sign: a whole number, though perhaps too large for a long. */
    private static boolean isInteger(String text) {
        int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
