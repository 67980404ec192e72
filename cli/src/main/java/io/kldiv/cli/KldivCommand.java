package io.kldiv.cli;

import java.util.ArrayList;
import java.util.List;

/** The top command, {@code kldiv}: its help, and the registry of its subcommands by name. */
final class KldivCommand {
    /** The subcommands in help order; {@code aot-training} is the launcher's and is left out of help. */
    static final List<String> NAMES = List.of("demo", "import", "score", "info", "aot-training");
    private static final String HIDDEN = "aot-training";

    private KldivCommand() {
    }

    /** A new instance of the named subcommand; null when there is none by that name. */
    static Subcommand subcommand(String name) {
        return switch (name) {
            case "demo" -> new DemoCommand();
            case "import" -> new ImportCommand();
            case "score" -> new ScoreCommand();
            case "info" -> new InfoCommand();
            case "aot-training" -> new TrainingCommand();
            default -> null;
        };
    }

    /** The top command's syntax, listing the visible subcommands. */
    static CommandSpec spec() {
        List<CommandSpec> listed = new ArrayList<>();
        for (String name : NAMES) {
            if (!name.equals(HIDDEN)) {
                listed.add(subcommand(name).spec());
            }
        }
        return new CommandSpec("kldiv", "Scores pairs of discrete distributions with the KL family of measures.")
                .subcommands(listed)
                .footer("", "Exit codes: 0 success, 1 bad data (invalid values, damaged, missing or unreadable files), 2 bad usage.");
    }
}
