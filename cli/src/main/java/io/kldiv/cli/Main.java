package io.kldiv.cli;

import io.kldiv.InvalidRowException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import net.openhft.posix.PosixAPI;

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
        // Chronicle Bytes (the store) loads OpenHFT's POSIX binding through jnr-ffi when it starts, about 0.2 s of
        // generated stubs; the store maps, allocates and frees through the JDK and needs none of it. Only the
        // command does this: it owns its JVM, where an application embedding kldiv may use Chronicle otherwise.
        PosixAPI.useNoOpPosixApi();
        Interruption.watch(System.err);
        int exit = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        Interruption.finished();
        // Every output is published or removed by now, so the shutdown hooks have nothing left to do; halting
        // skips the JVM's orderly shutdown, about 20 ms of a short job.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exit);
    }

    /** Runs the command with the given streams and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String warning = JdkCheck.warning(Runtime.version());
        if (warning != null) {
            err.println("kldiv: " + warning);
        }
        String qualifiedName = "kldiv";
        try {
            if (args.length == 0 || Option.HELP.isNamed(args[0])) {
                HelpText.print(KldivCommand.spec(), qualifiedName, out);
                return EXIT_OK;
            }
            if (Option.VERSION.isNamed(args[0])) {
                printVersion(out);
                return EXIT_OK;
            }
            if (args[0].startsWith("-")) {
                throw new UsageException("unknown option '" + args[0] + "'");
            }
            Subcommand command = KldivCommand.subcommand(args[0]);
            if (command == null) {
                throw new UsageException("unknown command '" + args[0] + "'");
            }
            qualifiedName += " " + args[0];
            CommandSpec spec = command.spec();
            ParsedArgs parsed = ArgumentParser.parse(spec, args, 1);
            if (parsed.helpRequested()) {
                HelpText.print(spec, qualifiedName, out);
                return EXIT_OK;
            }
            if (parsed.versionRequested()) {
                printVersion(out);
                return EXIT_OK;
            }
            command.take(parsed, out);
            return command.call();
        } catch (VectorRestart restart) {
            return restart.status();
        } catch (UsageException e) {
            err.println("kldiv: " + e.getMessage() + " (see: " + qualifiedName + " --help)");
            return EXIT_USAGE;
        } catch (Exception e) {
            if (!Interruption.interrupted()) {
                err.println("kldiv: " + describe(e));
            }
            return EXIT_BAD_DATA;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void printVersion(PrintWriter out) {
        for (String line : Version.lines()) {
            out.println(line);
        }
        out.flush();
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
