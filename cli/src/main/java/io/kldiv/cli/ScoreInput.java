package io.kldiv.cli;

import io.kldiv.InvalidRowException;
import io.kldiv.kernel.PairRows;
import io.kldiv.npy.NpyPair;
import io.kldiv.store.PairTable;
import io.kldiv.store.TableFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@code score} reads: a store file, or two .npy files mapped in place. Knows which file an invalid row's
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

    static ScoreInput npy(Path pFile, Path qFile) throws IOException {
        return new ScoreInput(NpyPair.open(pFile, qFile), pFile.toString(), qFile.toString());
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
