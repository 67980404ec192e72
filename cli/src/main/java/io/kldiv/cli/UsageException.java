package io.kldiv.cli;

/** A request that cannot be carried out as asked, found after parsing: exit code 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
