package io.kldiv.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Options that name the same thing in different ways, e.g. {@code score}'s input: {@code --store}, or {@code --p}
 * and {@code --q} together. Exactly one alternative must be given, and all of its options.
 */
final class Alternatives {
    private final List<Option[]> choices = new ArrayList<>();

    private Alternatives() {
    }

    /** The first alternative: these options, given together. */
    static Alternatives either(Option... together) {
        return new Alternatives().or(together);
    }

    /** Another alternative. */
    Alternatives or(Option... together) {
        choices.add(together);
        return this;
    }

    List<Option[]> choices() {
        return choices;
    }

    /** Throws a usage error unless exactly one alternative was given in full. */
    void check(ParsedArgs args) {
        Option[] chosen = null;
        for (Option[] choice : choices) {
            Option given = firstGiven(args, choice);
            if (given == null) {
                continue;
            }
            if (chosen != null) {
                throw new UsageException("'" + firstGiven(args, chosen) + "' and '" + given + "' cannot be used together; "
                        + "give " + describe());
            }
            chosen = choice;
            for (Option o : choice) {
                if (!args.has(o)) {
                    throw new UsageException("'" + given + "' needs '" + o + "' as well; give " + describe());
                }
            }
        }
        if (chosen == null) {
            throw new UsageException("missing input: give " + describe());
        }
    }

    private static Option firstGiven(ParsedArgs args, Option[] choice) {
        for (Option o : choice) {
            if (args.has(o)) {
                return o;
            }
        }
        return null;
    }

    /** In words: {@code either --store, or --p and --q}. */
    private String describe() {
        StringBuilder s = new StringBuilder("either ");
        for (int c = 0; c < choices.size(); c++) {
            if (c > 0) {
                s.append(", or ");
            }
            Option[] choice = choices.get(c);
            for (int i = 0; i < choice.length; i++) {
                s.append(i == 0 ? "" : i == choice.length - 1 ? " and " : ", ").append(choice[i]);
            }
        }
        return s.toString();
    }

    /** For the usage line: {@code (--store=T.kls | --p=P --q=Q)}. */
    String synopsis() {
        StringBuilder s = new StringBuilder("(");
        for (int c = 0; c < choices.size(); c++) {
            s.append(c == 0 ? "" : " | ");
            Option[] choice = choices.get(c);
            for (int i = 0; i < choice.length; i++) {
                s.append(i == 0 ? "" : " ").append(choice[i].syntax());
            }
        }
        return s.append(')').toString();
    }
}
