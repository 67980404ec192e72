package io.kldiv.cli;

import io.kldiv.InvalidRowException;
import io.kldiv.kernel.PairRows;
import io.kldiv.npy.NpyArray;
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
    private final PairRows rows;
    private final String pSource;
    private final String qSource;
    private final AutoCloseable[] resources;

    private ScoreInput(PairRows rows, String pSource, String qSource, AutoCloseable... resources) {
        this.rows = rows;
        this.pSource = pSource;
        this.qSource = qSource;
        this.resources = resources;
    }

    static ScoreInput store(Path file, boolean verifyColumns) throws IOException {
        PairTable table = TableFile.open(file, verifyColumns);
        PairRows rows = PairRows.contiguous(table.p(), table.q(), table.dtype(), table.k(), table.rows());
        return new ScoreInput(rows, file.toString(), file.toString(), table);
    }

    static ScoreInput npy(Path pFile, Path qFile) throws IOException {
        NpyArray p = NpyArray.open(pFile);
        try {
            NpyArray q = NpyArray.open(qFile);
            try {
                NpyPair.requireSameShape(p, q);
                PairRows rows = PairRows.contiguous(p.data(), q.data(), p.dtype(), p.cols(), p.rows());
                return new ScoreInput(rows, pFile.toString(), qFile.toString(), q, p);
            } catch (IOException | RuntimeException e) {
                q.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    PairRows rows() {
        return rows;
    }

    /** The error located in the file its side came from. */
    InvalidRowException locate(InvalidRowException e) {
        return e.at("q".equals(e.side()) ? qSource : pSource, e.row());
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
    }
}
