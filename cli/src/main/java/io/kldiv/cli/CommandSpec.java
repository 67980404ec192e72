package io.kldiv.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What one command accepts: its name and description, its options in help order, at most one positional
 * argument, and groups of alternative options. Plain data, built in code by each command, read by
 * {@link ArgumentParser} and {@link HelpText}. Every command also takes {@code -h/--help} and {@code -V/--version}.
 */
final class CommandSpec {
    private final String name;
    private final String[] description;
    private final List<Option> options = new ArrayList<>();
    private final List<Alternatives> alternatives = new ArrayList<>();
    private final List<CommandSpec> subcommands = new ArrayList<>();
    private String positionalLabel;
    private String positionalDescription;
    private String[] footer = {};

    /** @param description paragraphs of the help text */
    CommandSpec(String name, String... description) {
        this.name = name;
        this.description = description;
    }

    /** Adds options, listed in help in this order. */
    CommandSpec options(Option... added) {
        for (Option o : added) {
            for (Option known : options) {
                if (known.name().equals(o.name())) {
                    throw new IllegalArgumentException(name + " declares " + o + " twice");
                }
            }
            options.add(o);
        }
        return this;
    }

    /** Adds a group of alternatives; their options are listed in help here. */
    CommandSpec alternatives(Alternatives group) {
        alternatives.add(group);
        for (Option[] choice : group.choices()) {
            options(choice);
        }
        return this;
    }

    /** One optional positional argument, e.g. {@code info}'s store file. */
    CommandSpec positional(String label, String description) {
        this.positionalLabel = label;
        this.positionalDescription = description;
        return this;
    }

    /** Commands listed in this command's help (the top command's). */
    CommandSpec subcommands(List<CommandSpec> listed) {
        subcommands.addAll(listed);
        return this;
    }

    /** Lines printed after everything else in help. */
    CommandSpec footer(String... lines) {
        this.footer = lines;
        return this;
    }

    String name() {
        return name;
    }

    String[] description() {
        return description;
    }

    /** The declared options, then {@code --help} and {@code --version}. */
    List<Option> options() {
        List<Option> all = new ArrayList<>(options);
        all.add(Option.HELP);
        all.add(Option.VERSION);
        return all;
    }

    List<Alternatives> alternatives() {
        return alternatives;
    }

    boolean inAlternatives(Option o) {
        for (Alternatives group : alternatives) {
            for (Option[] choice : group.choices()) {
                for (Option member : choice) {
                    if (member == o) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Null when the command takes no positional argument. */
    String positionalLabel() {
        return positionalLabel;
    }

    String positionalDescription() {
        return positionalDescription;
    }

    List<CommandSpec> subcommands() {
        return subcommands;
    }

    String[] footer() {
        return footer;
    }

    /** The option a word names, e.g. {@code --top-k} or {@code -h}; null when none. */
    Option option(String word) {
        for (Option o : options) {
            if (o.isNamed(word)) {
                return o;
            }
        }
        return Option.HELP.isNamed(word) ? Option.HELP : Option.VERSION.isNamed(word) ? Option.VERSION : null;
    }
}
