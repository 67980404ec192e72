package io.kldiv.cli;

import io.kldiv.io.AtomicOutput;
import java.io.IOException;
import java.nio.file.Path;

/** Child-process main: the CLI's interruption hook armed, an output half written, then waiting for a signal. */
public final class InterruptedWriter {
    private InterruptedWriter() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Interruption.watch(System.err);
        AtomicOutput output = AtomicOutput.create(Path.of(args[0]));
        java.nio.file.Files.writeString(output.tempFile(), "partial");
        System.out.println("ready " + output.tempFile());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
