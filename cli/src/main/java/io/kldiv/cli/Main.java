package io.kldiv.cli;

import io.kldiv.InvalidRowException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Runs the {@code kldiv} command. Exit codes: 0 success, 1 bad data (invalid values, damaged, missing or unreadable
 * files), 2 bad usage. Every error is one line on stderr.
 */
public final class Main {
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_DATA = 1;
    public static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String warning = JdkCheck.warning(Runtime.version());
        if (warning != null) {
            err.println("kldiv: " + warning);
        }
        CommandLine cli = new CommandLine(new KldivCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("kldiv: " + e.getMessage() + " (see: kldiv " + commandPath(e.getCommandLine()) + " --help)");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            err.println("kldiv: " + describe(e));
            return e instanceof UsageException ? EXIT_USAGE : EXIT_BAD_DATA;
        });
        return cli.execute(args);
    }

    private static String commandPath(CommandLine c) {
        String name = c.getCommandName();
        return c.getParent() == null ? "" : name;
    }

    /** One line naming the file and what is wrong with it. */
    static String describe(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof InvalidRowException || e instanceof UsageException) {
            return e.getMessage();
        }
        if (e instanceof IOException) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
        return e.toString();
    }
}
