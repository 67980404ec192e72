package io.kldiv.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags every fork needs (the parent pom's {@code kldiv.jvm.flags}, filtered into a resource at build
 * time): the incubator Vector API module and Chronicle Bytes' opens. {@code main} prints them on one line for
 * scripts that pass them to JMH with {@code -jvmArgsPrepend}.
 */
public final class JvmFlags {
    static final String RESOURCE = "/kldiv-jvm.flags";

    private JvmFlags() {
    }

    public static List<String> list() {
        try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: build the bench module with Maven");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (text.isEmpty() || text.contains("${")) {
                throw new IllegalStateException(RESOURCE + " was not filtered by the build: '" + text + "'");
            }
            return Arrays.asList(text.split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        System.out.println(String.join(" ", list()));
    }
}
