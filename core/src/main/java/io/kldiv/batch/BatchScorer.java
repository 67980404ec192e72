package io.kldiv.batch;

import io.kldiv.InvalidRowException;
import io.kldiv.ScoreOptions;
import io.kldiv.kernel.Kernel;
import io.kldiv.kernel.PairRows;
import io.kldiv.kernel.ResultColumns;
import io.kldiv.kernel.RowStatus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scores every row of a pair of columns on a pool of threads and summarizes the results. Rows are cut into
 * chunks of a few MiB whose boundaries depend only on the row size, never on the thread count; each chunk
 * writes its own slice of the off-heap result columns (no locks on the hot path) and its own tally, and
 * tallies are merged in chunk order, so every aggregate is identical for any thread count.
 */
public final class BatchScorer {
    /** Bytes of p and q per chunk: large enough to amortize scheduling, small enough to stay in cache. */
    static final long CHUNK_BYTES = 4L << 20;

    private final Kernel kernel;
    private final int threads;
    private final int topK;
    private final ProgressListener progress;
    private final long chunkBytes;
    private final long warmupMinBytes;

    /** {@code -Dkldiv.warmup=off} skips the kernel's warm-up: to compare, results are the same either way. */
    public static final String WARMUP_PROPERTY = "kldiv.warmup";
    /**
     * Bytes of p and q from which a job warms the kernel up first: a smaller job is done cold (interpreted, then
     * C1) in less time than the warm-up's fraction of a second.
     */
    static final long WARMUP_MIN_BYTES = 16L << 20;

    /**
     * A scorer that first warms the kernel up ({@link KernelWarmup}) for jobs of at least 16 MiB of p and q,
     * unless {@value #WARMUP_PROPERTY} is {@code off}.
     *
     * @param kernel   the kernel every chunk runs
     * @param threads  worker threads, ≥ 1; more than the available processors run as that many
     * @param topK     the k of the top-k overlap statistic, or 0 for none
     * @param progress told how many rows are done
     */
    public BatchScorer(Kernel kernel, int threads, int topK, ProgressListener progress) {
        this(kernel, threads, topK, progress, CHUNK_BYTES,
                "off".equals(System.getProperty(WARMUP_PROPERTY)) ? Long.MAX_VALUE : WARMUP_MIN_BYTES);
    }

    /**
     * With a chunk size and a warm-up threshold of the caller's choosing: tests use small chunks to get many of
     * them, and 0 or {@link Long#MAX_VALUE} to warm up always or never.
     */
    BatchScorer(Kernel kernel, int threads, int topK, ProgressListener progress, long chunkBytes, long warmupMinBytes) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0, got " + topK);
        }
        this.kernel = kernel;
        this.threads = threads;
        this.topK = topK;
        this.progress = progress;
        this.chunkBytes = chunkBytes;
        this.warmupMinBytes = warmupMinBytes;
    }

    /**
     * Scores all rows.
     *
     * @throws InvalidRowException under policy {@code error}: the invalid row with the lowest index among those
     *                             found before the job stopped
     */
    public BatchResult score(PairRows in, ScoreOptions options) {
        return score(RowSource.inPlace(in), options);
    }

    /**
     * Scores all rows of a source whose chunks may be decoded on the way ({@link RowSource}); chunk boundaries,
     * results and the summary are those of the same rows given in place.
     *
     * @throws InvalidRowException under policy {@code error}: the invalid row with the lowest index among those
     *                             found before the job stopped, as a row index of the source
     */
    public BatchResult score(RowSource in, ScoreOptions options) {
        int measures = options.measures().size();
        long rows = in.rows();
        long rowsPerChunk = Math.max(1, chunkBytes / (2L * in.k() * in.dtype().bytes()));
        int chunks = Math.toIntExact((rows + rowsPerChunk - 1) / rowsPerChunk);
        Arena arena = Arena.ofShared();
        try {
            ResultColumns out = allocate(arena, measures, rows);
            ChunkTally[] tallies = new ChunkTally[chunks];
            boolean warm = rows > 0 && kernel.slowToCompile() && in.bytesScanned() >= warmupMinBytes;
            double warmupSeconds = warm ? KernelWarmup.run(kernel, options, in.dtype(), in.k()) : 0;
            long start = System.nanoTime();
            int workers = workers(chunks);
            runChunks(in, options, out, tallies, rowsPerChunk, workers);
            double seconds = (System.nanoTime() - start) / 1e9;
            ChunkTally total = new ChunkTally(measures);
            for (ChunkTally t : tallies) {
                total.merge(t);
            }
            BatchSummary summary = summarize(in, options, out, total, workers, seconds, warmupSeconds);
            return new BatchResult(arena, out, summary);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    private static ResultColumns allocate(Arena arena, int measures, long rows) {
        List<MemorySegment> columns = new ArrayList<>();
        for (int m = 0; m < measures; m++) {
            columns.add(arena.allocate(Math.max(1, rows * Double.BYTES), 64));
        }
        return new ResultColumns(columns, arena.allocate(Math.max(1, rows), 64), arena.allocate(Math.max(1, rows), 64));
    }

    private void runChunks(RowSource in, ScoreOptions options, ResultColumns out, ChunkTally[] tallies, long rowsPerChunk,
            int workers) {
        AtomicLong nextChunk = new AtomicLong();
        AtomicLong rowsDone = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            try (RowSource.Reader reader = in.reader(rowsPerChunk)) {
                PairRows rows = reader.rows();
                RankAgreement ranks = new RankAgreement(rows, topK, kernel.floatArgmax());
                long c;
                while (failure.get() == null && (c = nextChunk.getAndIncrement()) < tallies.length) {
                    long from = c * rowsPerChunk;
                    long to = Math.min(in.rows(), from + rowsPerChunk);
                    // The chunk's rows sit at [first, first + n) of the reader's rows; results go to the same indices of
                    // a view of the result columns shifted to match.
                    long first = from;
                    ResultColumns view = out;
                    try {
                        first = reader.load(from, to);
                        view = out.startingAt(from - first);
                        kernel.score(rows, options, first, first + (to - from), view);
                    } catch (InvalidRowException e) {
                        InvalidRowException located = first == from ? e : e.at(e.file(), e.row() - first + from);
                        failure.accumulateAndGet(located, BatchScorer::earlier);
                        return;
                    } catch (RuntimeException e) {
                        failure.accumulateAndGet(e, BatchScorer::earlier);
                        return;
                    }
                    ChunkTally tally = new ChunkTally(options.measures().size());
                    tally.add(view, first, first + (to - from), ranks);
                    tallies[(int) c] = tally;
                    progress.rowsDone(rowsDone.addAndGet(to - from), in.rows());
                }
            }
        };
        if (workers == 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "kldiv-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    futures.add(pool.submit(worker));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while scoring", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a scoring thread failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /**
     * Threads that can all be busy: no more than the chunks, nor than the processors this JVM may use (threads
     * beyond them only add switching, and the JIT's compiler threads lose their core to them).
     */
    private int workers(long chunks) {
        return (int) Math.max(1, Math.min(Math.min(threads, chunks), Runtime.getRuntime().availableProcessors()));
    }

    /** Of two failures, the invalid row with the lower index (so the report does not depend on timing). */
    private static RuntimeException earlier(RuntimeException a, RuntimeException b) {
        if (a == null) {
            return b;
        }
        if (a instanceof InvalidRowException x && b instanceof InvalidRowException y) {
            return y.row() < x.row() ? y : x;
        }
        return a instanceof InvalidRowException ? b : a;
    }

    private BatchSummary summarize(RowSource in, ScoreOptions options, ResultColumns out, ChunkTally total, int workers,
            double seconds, double warmupSeconds) {
        TallySummary.Job job = new TallySummary.Job(in.rows(), in.k(), in.dtype(), workers, kernel.name(), seconds,
                warmupSeconds, in.bytesScanned());
        OrderStatistics.RowFilter valid = Arrays.stream(total.invalid).allMatch(n -> n == 0) ? OrderStatistics.RowFilter.ALL
                : r -> out.status(r) == RowStatus.VALID;
        return TallySummary.summarize(job, options.measures(), topK == 0 ? 0 : Math.min(topK, in.k()), total,
                (m, ranks) -> OrderStatistics.select(out.columns().get(m), in.rows(), valid, ranks));
    }
}
