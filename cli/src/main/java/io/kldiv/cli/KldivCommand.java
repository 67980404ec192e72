package io.kldiv.cli;

import picocli.CommandLine.Command;

@Command(name = "kldiv", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Scores pairs of discrete distributions with the KL family of measures.",
        subcommands = {DemoCommand.class, ImportCommand.class, ScoreCommand.class, InfoCommand.class, TrainingCommand.class},
        footer = {"", "Exit codes: 0 success, 1 bad data (invalid values, damaged, missing or unreadable files), 2 bad usage."})
final class KldivCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
