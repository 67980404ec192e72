package io.kldiv.cli;

import io.kldiv.npy.NpyImport;
import io.kldiv.safetensors.SafetensorsPair;
import io.kldiv.safetensors.TensorRef;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Builds a store file from two .npy files or safetensors tensors (p and q, same shape and dtype), streaming; "
                + "the file is published atomically with CRC32C checksums of every column.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--p", paramLabel = "P", required = true,
            description = "p rows: a 2-D .npy file, or FILE.safetensors[:TENSOR] (as for 'score').")
    Path p;

    @Option(names = "--q", paramLabel = "Q", required = true, description = "q rows: same kind, shape and dtype as p.")
    Path q;

    @Option(names = "--out", paramLabel = "T.kls", required = true, description = "The store file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        new DistinctPaths().input("--p", p).input("--q", q).output("--out", out).check(spec.commandLine());
        long start = System.nanoTime();
        Path written = TensorRef.matches(p.toString()) || TensorRef.matches(q.toString())
                ? SafetensorsPair.importPair(TensorRef.parse(p.toString()), TensorRef.parse(q.toString()), out)
                : NpyImport.importPair(p, q, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s in %.2f s%n", written, (System.nanoTime() - start) / 1e9);
        return Main.EXIT_OK;
    }
}
