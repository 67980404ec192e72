package io.kldiv.npy;

import io.kldiv.Dtype;
import io.kldiv.store.PairTable;
import io.kldiv.store.TableFile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a unit test: shows that importing two 1 GiB .npy files keeps the Java heap small. Run it with a small
 * heap (e.g. {@code -Xmx64m}) and the JVM flags of the build; it writes the inputs, imports them, opens the
 * result with full checksum verification and prints the peak heap use. Arguments: a scratch directory, and
 * optionally the size of each input in MiB (default 1024).
 */
public final class NpyImportHeapCheck {
    private NpyImportHeapCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long mib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        int cols = 1024;
        long rows = mib * (1 << 20) / (cols * Float.BYTES);
        Path p = dir.resolve("heapcheck-p.npy");
        Path q = dir.resolve("heapcheck-q.npy");
        Path table = dir.resolve("heapcheck.kls");
        try {
            long start = System.nanoTime();
            writeInput(p, rows, cols, 1f);
            writeInput(q, rows, cols, 2f);
            resetPeaks();
            long importStart = System.nanoTime();
            NpyImport.importPair(p, q, table);
            long importEnd = System.nanoTime();
            try (PairTable t = TableFile.open(table, true)) {
                System.out.printf("table %s: %d rows × %d %s, %d bytes%n", table, t.rows(), t.k(), t.dtype(), Files.size(table));
            }
            System.out.printf("inputs: 2 × %d bytes (written in %.1f s); import %.1f s%n", Files.size(p),
                    (importStart - start) / 1e9, (importEnd - importStart) / 1e9);
            System.out.printf("max heap %d MiB; peak heap used during import + verified open: %.1f MiB%n",
                    Runtime.getRuntime().maxMemory() >> 20, peakHeapUsed() / 1048576.0);
        } finally {
            Files.deleteIfExists(p);
            Files.deleteIfExists(q);
            Files.deleteIfExists(table);
        }
    }

    private static void writeInput(Path file, long rows, int cols, float scale) throws IOException {
        float[] row = new float[cols];
        try (NpyWriter writer = NpyWriter.create(file, Dtype.FLOAT32, rows, cols)) {
            for (long r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    row[c] = scale * ((r + c) % 1000) / 1000f;
                }
                writer.append(row);
            }
            writer.finish();
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks: an upper bound on what was in use at any one moment. */
    private static long peakHeapUsed() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
