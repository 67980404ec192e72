package io.kldiv.cli;

/** {@code --threads N}, shared by every command that scores. */
final class ThreadsOption {
    static final Option THREADS = Option.valued("--threads", "N", "Worker threads (default: all available processors).");

    Integer threads;

    void take(ParsedArgs args) {
        threads = args.intValue(THREADS);
    }

    /** The worker count: the option, or every available processor. */
    int count() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1) {
            throw new UsageException("--threads must be at least 1, got " + threads);
        }
        return threads;
    }
}
