package io.kldiv.cli;

import io.kldiv.InvalidRowException;
import io.kldiv.kernel.PairRows;
import io.kldiv.npy.NpyPair;
import io.kldiv.safetensors.SafetensorsPair;
import io.kldiv.safetensors.TensorRef;
import io.kldiv.store.PairTable;
import io.kldiv.store.TableFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@code score} reads: a store file, or two .npy files or safetensors tensors mapped in place. Knows which file an invalid row's
 * side came from, so errors name it.
 */
final class ScoreInput implements AutoCloseable {
    private final PairTable table;
    private final String pSource;
    private final String qSource;

    private ScoreInput(PairTable table, String pSource, String qSource) {
        this.table = table;
        this.pSource = pSource;
        this.qSource = qSource;
    }

    static ScoreInput store(Path file, boolean verifyColumns) throws IOException {
        return new ScoreInput(TableFile.open(file, verifyColumns), file.toString(), file.toString());
    }

    /** Two .npy files, or two safetensors tensors when the arguments name {@code FILE.safetensors[:TENSOR]}. */
    static ScoreInput pair(Path pArg, Path qArg) throws IOException {
        String p = pArg.toString();
        String q = qArg.toString();
        if (TensorRef.matches(p) || TensorRef.matches(q)) {
            TensorRef pRef = TensorRef.parse(p);
            TensorRef qRef = TensorRef.parse(q);
            return new ScoreInput(SafetensorsPair.open(pRef, qRef), pRef.file().toString(), qRef.file().toString());
        }
        return new ScoreInput(NpyPair.open(pArg, qArg), p, q);
    }

    PairRows rows() {
        return PairRows.contiguous(table.p(), table.q(), table.dtype(), table.k(), table.rows());
    }

    /** The error located in the file its side came from. */
    InvalidRowException locate(InvalidRowException e) {
        return e.at("q".equals(e.side()) ? qSource : pSource, e.row());
    }

    @Override
    public void close() {
        table.close();
    }
}
