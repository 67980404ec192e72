package io.kldiv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser on a command made up for the test: every form of option, each error and its message. */
class ArgumentParserTest {
    private static final Option STORE = Option.valued("--store", "S", "A store.");
    private static final Option P = Option.valued("--p", "P", "p.");
    private static final Option Q = Option.valued("--q", "Q", "q.");
    private static final Option LIST = Option.valued("--list", "L", "Items (default: ${DEFAULT}).").commaSeparated().withDefault("a");
    private static final Option COUNT = Option.valued("--count", "N", "A count (default: ${DEFAULT}).").withDefault("7");
    private static final Option BIG = Option.valued("--big", "B", "A long.");
    private static final Option RATIO = Option.valued("--ratio", "R", "A double.");
    private static final Option FLAG = Option.flag("--flag", "A flag.");
    private static final Option NEEDED = Option.valued("--needed", "X", "Required.").required();

    private static CommandSpec grouped() {
        return new CommandSpec("t", "A test command.").alternatives(Alternatives.either(STORE).or(P, Q))
                .options(LIST, COUNT, BIG, RATIO, FLAG);
    }

    private static ParsedArgs parse(CommandSpec spec, String... args) {
        return ArgumentParser.parse(spec, args, 0);
    }

    private static String error(CommandSpec spec, String... args) {
        return assertThrows(UsageException.class, () -> parse(spec, args)).getMessage();
    }

    @Test
    void valueAfterEqualsOrAsTheNextWord() {
        ParsedArgs a = parse(grouped(), "--store=s.kls", "--count", "3", "--ratio=0.5", "--flag");
        assertEquals(Path.of("s.kls"), a.path(STORE));
        assertEquals(3, a.intValue(COUNT));
        assertEquals(0.5, a.doubleValue(RATIO));
        assertTrue(a.flag(FLAG));
        assertEquals("x=y", parse(grouped(), "--store=x=y").value(STORE), "only the first '=' separates");
    }

    @Test
    void absentOptionsGiveTheirDefaultOrNull() {
        ParsedArgs a = parse(grouped(), "--store", "s");
        assertEquals(7, a.intValue(COUNT));
        assertEquals(List.of("a"), a.list(LIST));
        assertNull(a.longValue(BIG));
        assertNull(a.doubleValue(RATIO));
        assertNull(a.path(P));
        assertFalse(a.flag(FLAG));
    }

    @Test
    void listsSplitAtCommasAndAccumulateWhenRepeated() {
        assertEquals(List.of("x", "y", "z"), parse(grouped(), "--store", "s", "--list", "x,y", "--list=z").list(LIST));
        assertEquals(List.of("x", "", "y"), parse(grouped(), "--store", "s", "--list", "x,,y").list(LIST),
                "an empty item is kept, for the converter to refuse");
    }

    @Test
    void unknownOptionIsNamed() {
        assertEquals("unknown option '--nope'", error(grouped(), "--store", "s", "--nope"));
        assertEquals("unknown option '--nope'", error(grouped(), "--store", "s", "--nope=1"));
        assertEquals("unknown option '-x'", error(grouped(), "-x"));
    }

    @Test
    void missingValueAtTheEndOrBeforeAnotherOption() {
        assertEquals("option '--count' needs a value (N)", error(grouped(), "--store", "s", "--count"));
        assertEquals("option '--store' needs a value (S)", error(grouped(), "--store", "--count", "1"));
        assertEquals("option '--store' needs a value (S)", error(grouped(), "--store", "--count=1"));
        assertEquals("option '--store' needs a value (S), got an empty one", error(grouped(), "--store="));
    }

    @Test
    void aValueMayStartWithADash() {
        assertEquals(-1, parse(grouped(), "--store", "s", "--count", "-1").intValue(COUNT));
        assertEquals(Path.of("-odd-name"), parse(grouped(), "--store", "-odd-name").path(STORE));
    }

    @Test
    void repeatedSingleValueOptionIsAnError() {
        assertEquals("option '--count' is given more than once", error(grouped(), "--store", "s", "--count", "1", "--count=2"));
        assertEquals("option '--flag' is given more than once", error(grouped(), "--store", "s", "--flag", "--flag"));
    }

    @Test
    void flagTakesNoValue() {
        assertEquals("option '--flag' takes no value, got '--flag=true'", error(grouped(), "--store", "s", "--flag=true"));
    }

    @Test
    void exactlyOneAlternativeInFull() {
        assertEquals("missing input: give either --store, or --p and --q", error(grouped()));
        assertEquals("missing input: give either --store, or --p and --q", error(grouped(), "--count", "1"));
        assertEquals("'--store' and '--p' cannot be used together; give either --store, or --p and --q",
                error(grouped(), "--store", "s", "--p", "p", "--q", "q"));
        assertEquals("'--store' and '--q' cannot be used together; give either --store, or --p and --q",
                error(grouped(), "--q", "q", "--store", "s"));
        assertEquals("'--p' needs '--q' as well; give either --store, or --p and --q", error(grouped(), "--p", "p"));
        assertEquals("'--q' needs '--p' as well; give either --store, or --p and --q", error(grouped(), "--q", "q"));
        ParsedArgs pair = parse(grouped(), "--p", "a", "--q", "b");
        assertEquals(Path.of("a"), pair.path(P));
        assertEquals(Path.of("b"), pair.path(Q));
        assertFalse(pair.has(STORE));
    }

    @Test
    void requiredOptionIsNamed() {
        CommandSpec spec = new CommandSpec("r", "Needs one.").options(NEEDED, FLAG);
        assertEquals("missing required option '--needed' (X)", error(spec, "--flag"));
        assertEquals("v", parse(spec, "--needed", "v").value(NEEDED));
    }

    @Test
    void numbersThatDoNotFit() {
        CommandSpec spec = grouped();
        assertEquals("invalid value for --count (N): 'ten' is not a whole number",
                assertThrows(UsageException.class, () -> parse(spec, "--store", "s", "--count", "ten").intValue(COUNT)).getMessage());
        assertEquals("invalid value for --count (N): '1.5' is not a whole number",
                assertThrows(UsageException.class, () -> parse(spec, "--store", "s", "--count", "1.5").intValue(COUNT)).getMessage());
        assertEquals("invalid value for --count (N): 2147483648 is out of range (-2147483648 to 2147483647)",
                assertThrows(UsageException.class, () -> parse(spec, "--store", "s", "--count", "2147483648").intValue(COUNT)).getMessage());
        assertEquals("invalid value for --count (N): -99999999999999999999 is out of range (-2147483648 to 2147483647)",
                assertThrows(UsageException.class,
                        () -> parse(spec, "--store", "s", "--count", "-99999999999999999999").intValue(COUNT)).getMessage());
        assertEquals(2147483647, parse(spec, "--store", "s", "--count", "2147483647").intValue(COUNT));
        assertEquals(9223372036854775807L, parse(spec, "--store", "s", "--big", "9223372036854775807").longValue(BIG));
        assertEquals("invalid value for --big (B): 9223372036854775808 is out of range (-9223372036854775808 to 9223372036854775807)",
                assertThrows(UsageException.class,
                        () -> parse(spec, "--store", "s", "--big", "9223372036854775808").longValue(BIG)).getMessage());
        assertEquals("invalid value for --ratio (R): 'half' is not a number",
                assertThrows(UsageException.class, () -> parse(spec, "--store", "s", "--ratio", "half").doubleValue(RATIO)).getMessage());
        assertEquals(1e-4, parse(spec, "--store", "s", "--ratio", "1e-4").doubleValue(RATIO));
    }

    @Test
    void helpAndVersionStopParsingBeforeAnyCheck() {
        assertTrue(parse(grouped(), "--help").helpRequested());
        assertTrue(parse(grouped(), "--p", "p", "-h", "--nope").helpRequested(), "no missing --q, no unknown option");
        assertTrue(parse(grouped(), "-V").versionRequested());
        assertTrue(parse(grouped(), "--version").versionRequested());
        assertEquals("unknown option '--nope'", error(grouped(), "--nope", "--help"), "what comes before help still counts");
    }

    @Test
    void positionalArguments() {
        CommandSpec spec = new CommandSpec("i", "Takes a file.").positional("FILE", "A file.").options(FLAG);
        assertNull(parse(spec).positionalPath("FILE"));
        assertEquals(Path.of("a"), parse(spec, "a", "--flag").positionalPath("FILE"));
        assertEquals(Path.of("-a"), parse(spec, "--flag", "--", "-a").positionalPath("FILE"), "'--' ends the options");
        assertEquals("unexpected argument 'b'", error(spec, "a", "b"));
        assertEquals("unexpected argument 'x'", error(grouped(), "--store", "s", "x"));
    }

    @Test
    void optionDeclaredTwiceIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> new CommandSpec("d", "Twice.").options(FLAG, FLAG));
    }
}
