package io.kldiv.cli;

/**
 * The command line is wrong (exit code 2). Its message is one line, said to the user as {@code kldiv: <message>
 * (see: kldiv <command> --help)}; thrown by the parser and by commands that check their options' values.
 */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false); // no stack trace: it is never printed
    }

    /** A value the option cannot take, and why. */
    static UsageException invalidValue(Option option, String why) {
        return new UsageException("invalid value for " + option + " (" + option.label() + "): " + why);
    }
}
