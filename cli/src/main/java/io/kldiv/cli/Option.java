package io.kldiv.cli;

/**
 * One option of a command, e.g. {@code --top-k K}: its names, the label of its value (none for a flag), its help
 * text and its default. Declared once, as a constant of the command that reads it; {@link ParsedArgs} holds the
 * values given on a command line. Immutable: the {@code with...} methods return a changed copy.
 */
final class Option {
    /** Written in a description where the help should show the default value. */
    static final String DEFAULT_PLACEHOLDER = "${DEFAULT}";

    static final Option HELP = flag("--help", "Show this help message and exit.").withShortName("-h");
    static final Option VERSION = flag("--version", "Print version information and exit.").withShortName("-V");

    private final String name;
    private final String shortName;
    private final String label;
    private final String description;
    private final String defaultValue;
    private final boolean required;
    private final boolean commaSeparated;

    private Option(String name, String shortName, String label, String description, String defaultValue, boolean required,
            boolean commaSeparated) {
        this.name = name;
        this.shortName = shortName;
        this.label = label;
        this.description = description;
        this.defaultValue = defaultValue;
        this.required = required;
        this.commaSeparated = commaSeparated;
    }

    /** An option that takes a value: {@code --name VALUE} or {@code --name=VALUE}. */
    static Option valued(String name, String label, String description) {
        return new Option(name, null, label, description, null, false, false);
    }

    /** An option without a value: present or not. */
    static Option flag(String name, String description) {
        return new Option(name, null, null, description, null, false, false);
    }

    Option withShortName(String shortName) {
        return new Option(name, shortName, label, description, defaultValue, required, commaSeparated);
    }

    /** The value used when the option is absent; shown where the description says {@value #DEFAULT_PLACEHOLDER}. */
    Option withDefault(String defaultValue) {
        return new Option(name, shortName, label, description, defaultValue, required, commaSeparated);
    }

    /** The command cannot run without it. */
    Option required() {
        return new Option(name, shortName, label, description, defaultValue, true, commaSeparated);
    }

    /** A list: each value is split at commas, and the option may be repeated to add more. */
    Option commaSeparated() {
        return new Option(name, shortName, label, description, defaultValue, required, true);
    }

    String name() {
        return name;
    }

    /** {@code -h} for {@code --help}; null when there is none. */
    String shortName() {
        return shortName;
    }

    /** The value's label in help and errors, e.g. {@code K}; null for a flag. */
    String label() {
        return label;
    }

    boolean takesValue() {
        return label != null;
    }

    String defaultValue() {
        return defaultValue;
    }

    boolean isRequired() {
        return required;
    }

    boolean isCommaSeparated() {
        return commaSeparated;
    }

    boolean isNamed(String word) {
        return word.equals(name) || word.equals(shortName);
    }

    /** The description with the default filled in. */
    String description() {
        int at = description.indexOf(DEFAULT_PLACEHOLDER);
        return at < 0 ? description
                : description.substring(0, at) + defaultValue + description.substring(at + DEFAULT_PLACEHOLDER.length());
    }

    /** How the option is written in help: {@code --top-k=K}, {@code --measure=M[,M...]}, {@code --trust-checksums}. */
    String syntax() {
        if (label == null) {
            return name;
        }
        return name + "=" + (commaSeparated ? label + "[," + label + "...]" : label);
    }

    @Override
    public String toString() {
        return name;
    }
}
