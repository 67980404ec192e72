package io.kldiv.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's {@code --help}: the usage line, the description, one entry per option (and the positional
 * argument), the subcommands, the footer; wrapped at {@value #WIDTH} columns.
 */
final class HelpText {
    static final int WIDTH = 80;
    /** The descriptions' column is at most this far in; a longer option syntax puts its description on the next line. */
    private static final int MAX_DESCRIPTION_COLUMN = 30;

    private HelpText() {
    }

    /** @param qualifiedName e.g. {@code kldiv score} */
    static void print(CommandSpec spec, String qualifiedName, PrintWriter out) {
        String usage = "Usage: " + qualifiedName + " ";
        printIndented(out, usage, usage.length(), synopsis(spec));
        for (String paragraph : spec.description()) {
            printIndented(out, "", 0, paragraph);
        }
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        if (spec.positionalLabel() != null) {
            left.add("      [" + spec.positionalLabel() + "]");
            right.add(spec.positionalDescription());
        }
        for (Option o : spec.options()) {
            left.add("  " + (o.shortName() == null ? "    " : o.shortName() + ", ") + o.syntax());
            right.add(o.description());
        }
        printTable(out, left, right);
        if (!spec.subcommands().isEmpty()) {
            out.println("Commands:");
            left.clear();
            right.clear();
            for (CommandSpec sub : spec.subcommands()) {
                left.add("  " + sub.name());
                right.add(sub.description()[0]); // the first paragraph: a summary line per command
            }
            printTable(out, left, right);
        }
        for (String line : spec.footer()) {
            printIndented(out, "", 0, line);
        }
        out.flush();
    }

    /** {@code (--store=T.kls | --p=P --q=Q) [--measure=M[,M...]]... [--base=B] ... [-h] [-V]}. */
    static String synopsis(CommandSpec spec) {
        StringBuilder s = new StringBuilder();
        for (Alternatives group : spec.alternatives()) {
            s.append(group.synopsis()).append(' ');
        }
        for (Option o : spec.options()) {
            if (spec.inAlternatives(o)) {
                continue;
            }
            String syntax = o.shortName() != null ? o.shortName() : o.syntax();
            s.append(o.isRequired() ? syntax : "[" + syntax + "]").append(o.isCommaSeparated() ? "... " : " ");
        }
        if (spec.positionalLabel() != null) {
            s.append('[').append(spec.positionalLabel()).append("] ");
        }
        if (!spec.subcommands().isEmpty()) {
            s.append("[COMMAND [OPTIONS]] ");
        }
        return s.toString().strip();
    }

    /** Rows of two columns; the right one is wrapped within its column. */
    private static void printTable(PrintWriter out, List<String> left, List<String> right) {
        int column = 0;
        for (String l : left) {
            column = Math.max(column, l.length() + 2);
        }
        column = Math.min(column, MAX_DESCRIPTION_COLUMN);
        for (int i = 0; i < left.size(); i++) {
            String l = left.get(i);
            if (l.length() + 1 > column) {
                out.println(l);
                printIndented(out, " ".repeat(column), column, right.get(i));
            } else {
                printIndented(out, l + " ".repeat(column - l.length()), column, right.get(i));
            }
        }
    }

    /** {@code first}, then the text wrapped to the width left, its further lines indented by {@code indent}. */
    private static void printIndented(PrintWriter out, String first, int indent, String text) {
        List<String> lines = lines(text, WIDTH - indent);
        out.println(first + lines.getFirst());
        for (String line : lines.subList(1, lines.size())) {
            out.println(" ".repeat(indent) + line);
        }
    }

    /** The text broken at spaces into lines of at most {@code width} characters; a longer word gets a line of its own. */
    static List<String> lines(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
