package io.kldiv.cli;

/**
 * Reads a command's arguments against its {@link CommandSpec}: {@code --name VALUE} and {@code --name=VALUE},
 * flags, list options (repeated or comma separated), at most one positional argument, and {@code --} before
 * a positional argument that starts with a dash. {@code -h/--help} and {@code -V/--version} stop the parsing
 * (the command does not run, so its required options need not be there). Then checks that the required
 * options and one alternative of each group were given. Errors are {@link UsageException}s naming the option.
 */
final class ArgumentParser {
    private ArgumentParser() {
    }

    /** Parses {@code args} from index {@code from} on (after the command's name). */
    static ParsedArgs parse(CommandSpec spec, String[] args, int from) {
        ParsedArgs parsed = new ParsedArgs();
        boolean onlyPositional = false;
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (onlyPositional || !arg.startsWith("-") || arg.equals("-")) {
                positional(spec, parsed, arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyPositional = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String word = equals < 0 ? arg : arg.substring(0, equals);
            Option option = spec.option(word);
            if (option == null) {
                throw new UsageException("unknown option '" + word + "'");
            }
            if (option == Option.HELP || option == Option.VERSION) {
                parsed.request(option);
                return parsed;
            }
            if (!option.takesValue()) {
                if (equals >= 0) {
                    throw new UsageException("option '" + option + "' takes no value, got '" + arg + "'");
                }
                parsed.add(option, null);
                continue;
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !namesAnOption(spec, args[i + 1])) {
                value = args[++i];
            } else {
                throw new UsageException("option '" + option + "' needs a value (" + option.label() + ")");
            }
            if (value.isEmpty()) {
                throw new UsageException("option '" + option + "' needs a value (" + option.label() + "), got an empty one");
            }
            parsed.add(option, value);
        }
        for (Option o : spec.options()) {
            if (o.isRequired() && !parsed.has(o)) {
                throw new UsageException("missing required option '" + o + "' (" + o.label() + ")");
            }
        }
        for (Alternatives group : spec.alternatives()) {
            group.check(parsed);
        }
        return parsed;
    }

    private static void positional(CommandSpec spec, ParsedArgs parsed, String arg) {
        if (spec.positionalLabel() == null || parsed.positional() != null) {
            throw new UsageException("unexpected argument '" + arg + "'");
        }
        parsed.positional(arg);
    }

    /**
     * Whether the word after an option is another option rather than its value: then the value is missing.
     * Other words starting with a dash ({@code -1}) are taken as values, so a command can say what is wrong with them.
     */
    private static boolean namesAnOption(CommandSpec spec, String word) {
        int equals = word.indexOf('=');
        return spec.option(equals < 0 ? word : word.substring(0, equals)) != null;
    }
}
