package io.kldiv.cli;

import io.kldiv.npy.NpyImport;
import io.kldiv.safetensors.SafetensorsPair;
import io.kldiv.safetensors.TensorRef;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

final class ImportCommand implements Subcommand {
    static final Option P = Option.valued("--p", "P", "p rows: a 2-D .npy file, or FILE.safetensors[:TENSOR] (as for 'score').")
            .required();
    static final Option Q = Option.valued("--q", "Q", "q rows: same kind, shape and dtype as p.").required();
    static final Option OUT = Option.valued("--out", "T.kls", "The store file to write.").required();

    Path p;
    Path q;
    Path out;
    PrintWriter stdout;

    @Override
    public CommandSpec spec() {
        return new CommandSpec("import", "Builds a store file from two .npy files or safetensors tensors (p and q, same shape "
                + "and dtype), streaming; the file is published atomically with CRC32C checksums of every column.")
                .options(P, Q, OUT);
    }

    @Override
    public void take(ParsedArgs args, PrintWriter stdout) {
        p = args.path(P);
        q = args.path(Q);
        out = args.path(OUT);
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws Exception {
        new DistinctPaths().input("--p", p).input("--q", q).output("--out", out).check();
        long start = System.nanoTime();
        Path written = TensorRef.matches(p.toString()) || TensorRef.matches(q.toString())
                ? SafetensorsPair.importPair(TensorRef.parse(p.toString()), TensorRef.parse(q.toString()), out)
                : NpyImport.importPair(p, q, out);
        stdout.printf(Locale.ROOT, "wrote %s in %.2f s%n", written, (System.nanoTime() - start) / 1e9);
        return Main.EXIT_OK;
    }
}
