package io.kldiv.batch;

/** Told, from worker threads, how many rows are done; must be cheap and thread-safe. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void rowsDone(long done, long total);
}
