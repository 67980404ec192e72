package io.kldiv.cli;

import io.kldiv.kernel.KernelChoice;
import io.kldiv.kernel.Kernels;
import io.kldiv.store.ColumnEntry;
import io.kldiv.store.PairTable;
import io.kldiv.store.TableFile;
import io.kldiv.store.TableHeader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

final class InfoCommand implements Subcommand {
    Path store;
    PrintWriter stdout;

    @Override
    public CommandSpec spec() {
        return new CommandSpec("info",
                "Shows the kernel in use and why, and the JVM; with a store file, its header and checksum status.")
                .positional("T.kls", "A store file to describe and verify.");
    }

    @Override
    public void take(ParsedArgs args, PrintWriter stdout) {
        store = args.positionalPath("T.kls");
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = stdout;
        KernelChoice kernel = Kernels.best();
        out.println("kernel:     " + kernel.kernel().name());
        out.println("why:        " + kernel.reason());
        if (kernel.kernel().slowToCompile()) {
            out.printf(Locale.ROOT, "small jobs: scalar below %,d element pairs (rows x K) per job, %,d per processor: "
                    + "it is compiled sooner%n", Kernels.vectorMinPairs(), Kernels.VECTOR_MIN_PAIRS_PER_PROCESSOR);
        }
        out.println("jdk:        " + System.getProperty("java.vm.name") + " " + Runtime.version() + " ("
                + System.getProperty("java.home") + ")");
        String warning = JdkCheck.warning(Runtime.version());
        if (warning != null) {
            out.println("            " + warning);
        }
        out.printf(Locale.ROOT, "processors: %d, max heap %d MiB, %s %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.arch"), System.getProperty("os.name"));
        if (store != null) {
            TableHeader header = TableFile.header(store);
            out.println();
            out.println("store:      " + store + " (format version " + header.formatVersion() + ", "
                    + String.format(Locale.ROOT, "%,d", header.fileLength()) + " bytes)");
            out.printf(Locale.ROOT, "rows:       %,d%n", header.rows());
            out.printf(Locale.ROOT, "k:          %,d%n", header.k());
            out.println("dtype:      " + header.dtype());
            out.println("columns:");
            for (ColumnEntry c : header.columns()) {
                out.printf(Locale.ROOT, "  %-12s %-8s offset %,15d  length %,15d  crc32c %08x%n", c.name(), c.type(),
                        c.offset(), c.length(), c.crc());
            }
            // Opening with verification reads every column and compares its CRC32C with the directory's.
            try (PairTable ignored = TableFile.open(store, true)) {
                out.println("checksums:  header and every column verified (CRC32C)");
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
