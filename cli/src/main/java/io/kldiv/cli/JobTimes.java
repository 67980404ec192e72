package io.kldiv.cli;

/**
 * Where a job's wall time went, beside the summary's warm-up and scoring seconds.
 *
 * @param startupSeconds process start until scoring began: the JVM's start, class loading, reading options,
 *                       opening and checking the input (and, for {@code demo}, generating it)
 * @param wallSeconds    process start until the outputs were published
 */
record JobTimes(double startupSeconds, double wallSeconds) {
}
