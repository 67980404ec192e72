package io.kldiv.cli;

import io.kldiv.InvalidPolicy;
import io.kldiv.InvalidRowException;
import io.kldiv.LogBase;
import io.kldiv.Measure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Runs the {@code kldiv} command. Exit codes: 0 success, 1 bad data (invalid values, damaged, missing or unreadable
 * files), 2 bad usage, 130/143 interrupted by SIGINT/SIGTERM ({@link Interruption}). Every error is one line on stderr.
 */
public final class Main {
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_DATA = 1;
    public static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        Interruption.watch(System.err);
        int exit = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        Interruption.finished();
        System.exit(exit);
    }

    /** Runs the command with the given streams and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String warning = JdkCheck.warning(Runtime.version());
        if (warning != null) {
            err.println("kldiv: " + warning);
        }
        CommandLine cli = new CommandLine(new KldivCommand());
        cli.registerConverter(Measure.class, parsing(Measure::byId));
        cli.registerConverter(LogBase.class, parsing(LogBase::parse));
        cli.registerConverter(InvalidPolicy.class, parsing(InvalidPolicy::byId));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("kldiv: " + e.getMessage() + " (see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (!Interruption.interrupted()) {
                err.println("kldiv: " + describe(e));
            }
            return EXIT_BAD_DATA;
        });
        return cli.execute(args);
    }

    /** A converter whose parse errors read as usage errors, with the library's own message. */
    private static <T> ITypeConverter<T> parsing(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }

    /** One line naming the file and what is wrong with it. */
    static String describe(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof InvalidRowException || e instanceof IOException) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
        return e.toString();
    }
}
