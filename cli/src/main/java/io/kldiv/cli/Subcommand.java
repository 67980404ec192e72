package io.kldiv.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A command of kldiv ({@code score}, {@code import}, ...): the syntax it accepts and the job. {@link Main} parses
 * the command line against {@link #spec()}, hands the values to {@link #take}, then calls {@link #call()}, whose
 * result is the exit code. Either may throw {@link UsageException} for a wrong command line.
 */
interface Subcommand extends Callable<Integer> {
    CommandSpec spec();

    /** Takes the parsed values of the options, and the stream for the command's output. */
    void take(ParsedArgs args, PrintWriter stdout);
}
