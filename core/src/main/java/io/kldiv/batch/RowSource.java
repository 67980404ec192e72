package io.kldiv.batch;

import io.kldiv.Dtype;
import io.kldiv.kernel.PairRows;

/**
 * The rows a {@link BatchScorer} scores, handed out a chunk at a time. Rows already in memory (mapped or
 * allocated) are read in place ({@link #inPlace}); rows stored in a form no kernel reads (llama.cpp's quantized
 * log-probabilities) are decoded by each worker, chunk by chunk, into scratch memory of its own, so a table of
 * any size is scored with a few MiB of decoded rows in memory at a time.
 */
public interface RowSource {
    /** The number of rows. */
    long rows();

    /** Categories per row. */
    int k();

    /** The element type of the rows the kernel reads. */
    Dtype dtype();

    /** Bytes the scoring phase reads from the source (for the throughput report). */
    long bytesScanned();

    /** A reader for one worker thread that holds up to {@code maxRows} rows at a time; closed by that worker. */
    Reader reader(long maxRows);

    /** One worker's view of the source. Not thread-safe: each worker has its own. */
    interface Reader extends AutoCloseable {
        /** The rows the kernel reads: the same object for the reader's whole life. */
        PairRows rows();

        /**
         * Makes source rows {@code [from, to)} readable in {@link #rows()} and returns the index there of row
         * {@code from} (at most {@code from}); the rows follow it in order.
         */
        long load(long from, long to);

        @Override
        void close();
    }

    /** Rows read where they are: every chunk is a range of {@code rows} itself, nothing is copied. */
    static RowSource inPlace(PairRows rows) {
        return new RowSource() {
            @Override
            public long rows() {
                return rows.rows();
            }

            @Override
            public int k() {
                return rows.k();
            }

            @Override
            public Dtype dtype() {
                return rows.dtype();
            }

            @Override
            public long bytesScanned() {
                return rows.bytesScanned();
            }

            @Override
            public Reader reader(long maxRows) {
                return new Reader() {
                    @Override
                    public PairRows rows() {
                        return rows;
                    }

                    @Override
                    public long load(long from, long to) {
                        return from;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }
}
