package io.kldiv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command's help lists every option with its whole description, wrapped within the width. */
class HelpTextTest {
    private static String help(CommandSpec spec, String name) {
        StringWriter text = new StringWriter();
        HelpText.print(spec, name, new PrintWriter(text));
        return text.toString();
    }

    /** The text with line breaks and the indentation after them as single spaces, as a reader takes it. */
    private static String flowed(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    @Test
    void everyOptionOfEveryCommandIsListedWithItsDescription() {
        for (String name : KldivCommand.NAMES) {
            CommandSpec spec = KldivCommand.subcommand(name).spec();
            String help = help(spec, "kldiv " + name);
            assertTrue(help.startsWith("Usage: kldiv " + name + " "), help);
            String flowed = flowed(help);
            for (String paragraph : spec.description()) {
                assertTrue(flowed.contains(paragraph), name + " describes itself: " + help);
            }
            for (Option o : spec.options()) {
                assertTrue(help.contains(o.syntax()), name + " lists " + o + ": " + help);
                assertTrue(flowed.contains(o.syntax() + " ") && flowed.contains(o.description()), name + " describes " + o + ": " + help);
                assertFalse(o.description().contains(Option.DEFAULT_PLACEHOLDER), o.toString());
            }
            for (String line : help.lines().toList()) {
                assertTrue(line.length() <= HelpText.WIDTH, name + ": a line longer than " + HelpText.WIDTH + ": " + line);
            }
        }
    }

    @Test
    void scoreHelpShowsDefaultsTheGroupAndTheShortNames() {
        String help = help(new ScoreCommand().spec(), "kldiv score");
        assertTrue(help.contains("(--store=T.kls | --p=P --q=Q)"), help);
        assertTrue(help.contains("[--measure=M[,M...]]..."), help);
        assertTrue(flowed(help).contains("entropy-q (default: kl)."), help);
        assertTrue(flowed(help).contains("(default: error)."), help);
        assertTrue(help.contains("  -h, --help "), help);
        assertTrue(help.contains("  -V, --version "), help);
        assertTrue(help.contains("      --trust-checksums "), help);
    }

    @Test
    void topHelpListsTheVisibleCommandsAndTheExitCodes() {
        String help = help(KldivCommand.spec(), "kldiv");
        for (String name : List.of("demo", "import", "score", "info")) {
            assertTrue(help.contains("\n  " + name + " "), help);
        }
        assertFalse(help.contains("aot-training"), help);
        assertTrue(flowed(help).contains("Exit codes: 0 success, 1 bad data"), help);
    }

    @Test
    void wrapsAtSpacesAndKeepsALongWordWhole() {
        assertEquals(List.of("aa bb", "cc"), HelpText.lines("aa bb cc", 5));
        assertEquals(List.of("a", "longerthanwidth", "b"), HelpText.lines("a longerthanwidth b", 5));
        assertEquals(List.of(""), HelpText.lines("", 5));
    }
}
