package io.kldiv.cli;

import io.kldiv.InvalidRowException;
import io.kldiv.Measure;
import io.kldiv.ScoreOptions;
import io.kldiv.batch.BatchResult;
import io.kldiv.batch.RowSource;
import io.kldiv.kernel.PairRows;
import io.kldiv.llama.KldFile;
import io.kldiv.llama.KldPair;
import io.kldiv.llama.TokenStatistics;
import io.kldiv.npy.NpyPair;
import io.kldiv.safetensors.SafetensorsPair;
import io.kldiv.safetensors.TensorRef;
import io.kldiv.store.PairTable;
import io.kldiv.store.TableFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@code score} reads: a store file, two .npy files or safetensors tensors mapped in place, or two llama.cpp
 * KL-divergence base files decoded chunk by chunk. Knows which file an invalid row's side came from, so errors
 * name it.
 */
final class ScoreInput implements AutoCloseable {
    private final RowSource rows;
    private final AutoCloseable owner;
    private final KldPair kld;
    private final String pSource;
    private final String qSource;

    private ScoreInput(RowSource rows, AutoCloseable owner, KldPair kld, String pSource, String qSource) {
        this.rows = rows;
        this.owner = owner;
        this.kld = kld;
        this.pSource = pSource;
        this.qSource = qSource;
    }

    private static ScoreInput of(PairTable table, String pSource, String qSource) {
        return new ScoreInput(RowSource.inPlace(PairRows.contiguous(table.p(), table.q(), table.dtype(), table.k(),
                table.rows())), table, null, pSource, qSource);
    }

    static ScoreInput store(Path file, boolean verifyColumns) throws IOException {
        return of(TableFile.open(file, verifyColumns), file.toString(), file.toString());
    }

    /**
     * Two .npy files, two safetensors tensors when the arguments name {@code FILE.safetensors[:TENSOR]}, or two
     * llama.cpp base files when either is one ({@link KldFile#recognizes}).
     *
     * @param sumTolerance for base files, the slack of the band a stored row's logsumexp must lie in
     *                     ({@link KldPair}); NaN for the default
     */
    static ScoreInput pair(Path pArg, Path qArg, double sumTolerance) throws IOException {
        String p = pArg.toString();
        String q = qArg.toString();
        if (KldScoring.isPair(pArg, qArg)) {
            KldPair pair = KldPair.open(pArg, qArg, sumTolerance);
            return new ScoreInput(pair, pair, pair, p, q);
        }
        if (TensorRef.matches(p) || TensorRef.matches(q)) {
            TensorRef pRef = TensorRef.parse(p);
            TensorRef qRef = TensorRef.parse(q);
            return of(SafetensorsPair.open(pRef, qRef), pRef.file().toString(), qRef.file().toString());
        }
        return of(NpyPair.open(pArg, qArg), p, q);
    }

    RowSource rows() {
        return rows;
    }

    /** llama.cpp's token statistics of a scored pair of base files; null for any other input. */
    TokenStatistics tokenStatistics(BatchResult result, ScoreOptions options) {
        return kld == null ? null : kld.tokenStatistics(result.columns(), options.measures().indexOf(Measure.KL));
    }

    /** The error located in the file its side came from. */
    InvalidRowException locate(InvalidRowException e) {
        return e.at("q".equals(e.side()) ? qSource : pSource, e.row());
    }

    @Override
    public void close() throws Exception {
        owner.close();
    }
}
