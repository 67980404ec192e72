package io.kldiv.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child-process main for the crash tests: maps an output of {@code length} bytes for {@code destination}, fills
 * it with {@code fill}, prints {@code ready <temp file>}, then waits. A line {@code commit} on stdin publishes
 * the file and exits 0; otherwise it waits to be killed.
 */
public final class HeldWriter {
    private HeldWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path destination = Path.of(args[0]);
        long length = Long.parseLong(args[1]);
        byte fill = (byte) args[2].charAt(0);
        MappedOutput output = MappedOutput.create(destination, length);
        output.segment(0, length).fill(fill);
        Path temp = output.tempFile();
        System.out.println("ready " + temp);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("commit")) {
                output.commit();
                System.out.println("committed");
                System.exit(0);
            }
        }
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
