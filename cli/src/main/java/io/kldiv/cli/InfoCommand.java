package io.kldiv.cli;

import io.kldiv.kernel.KernelChoice;
import io.kldiv.kernel.Kernels;
import io.kldiv.store.PairTable;
import io.kldiv.store.TableFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Shows the kernel in use and why, and the JVM; with a store file, its header and checksum status.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "T.kls", description = "A store file to describe and verify.")
    Path store;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        KernelChoice kernel = Kernels.best();
        out.println("kernel:     " + kernel.kernel().name());
        out.println("why:        " + kernel.reason());
        out.println("jdk:        " + System.getProperty("java.vm.name") + " " + Runtime.version() + " ("
                + System.getProperty("java.home") + ")");
        String warning = JdkCheck.warning(Runtime.version());
        if (warning != null) {
            out.println("            " + warning);
        }
        out.printf(Locale.ROOT, "processors: %d, max heap %d MiB, %s %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.arch"), System.getProperty("os.name"));
        if (store != null) {
            try (PairTable table = TableFile.open(store, true)) {
                out.println();
                out.println("store:      " + store);
                out.printf(Locale.ROOT, "rows:       %,d%n", table.rows());
                out.printf(Locale.ROOT, "k:          %,d%n", table.k());
                out.println("dtype:      " + table.dtype());
                out.println("ids:        " + (table.ids().isPresent() ? "yes" : "no"));
                out.println("results:    " + (table.resultColumnNames().isEmpty() ? "none" : String.join(", ", table.resultColumnNames())));
                out.println("checksums:  header and every column verified (CRC32C)");
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
