package io.kldiv.cli;

import io.kldiv.npy.NpyImport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Builds a store file from two .npy files (p and q, same shape and dtype), streaming; "
                + "the file is published atomically with CRC32C checksums of every column.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--p", paramLabel = "P.npy", required = true, description = "p rows: a 2-D float32/float64 .npy file.")
    Path p;

    @Option(names = "--q", paramLabel = "Q.npy", required = true, description = "q rows: same shape and dtype as p.")
    Path q;

    @Option(names = "--out", paramLabel = "T.kls", required = true, description = "The store file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        new DistinctPaths().input("--p", p).input("--q", q).output("--out", out).check(spec.commandLine());
        long start = System.nanoTime();
        Path written = NpyImport.importPair(p, q, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s in %.2f s%n", written, (System.nanoTime() - start) / 1e9);
        return Main.EXIT_OK;
    }
}
