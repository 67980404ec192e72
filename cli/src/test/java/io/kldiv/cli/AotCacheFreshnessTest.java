package io.kldiv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./kldiv's test of whether its AOT cache may be used (bin/aot-cache-fresh.bash), run by bash on files with chosen
 * modification times. It must refuse a cache older than any jar of the classpath: JDK 25.0.3 itself loads the
 * cache's old classes in that case (JDK-8377932), so a rebuilt jar would otherwise run the code it replaced.
 */
class AotCacheFreshnessTest {
    private static final Path SCRIPT = Path.of("..", "bin", "aot-cache-fresh.bash").toAbsolutePath().normalize();
    private static final String JDK = "/opt/jdk-25";

    @TempDir
    Path dir;
    private Path cache;
    private Path stamp;
    private Path jar;
    private Path lib;

    @BeforeEach
    void trainedAfterTheBuild() throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), SCRIPT.toString());
        stamp = touch("kldiv-launcher.stamp", 100);
        jar = touch("kldiv-cli.jar", 100);
        lib = touch("chronicle-bytes.jar", 90);
        cache = touch("kldiv.aot", 200);
        Files.writeString(dir.resolve("kldiv.aot.jdk"), JDK + "\n");
    }

    @Test
    void aCacheTrainedAfterEverythingItDependsOnIsUsed() throws Exception {
        assertEquals(0, fresh(JDK));
    }

    @Test
    void aJarWrittenAfterTheCacheMakesItStale() throws Exception {
        touch("chronicle-bytes.jar", 300);
        assertEquals(1, fresh(JDK));
        touch("chronicle-bytes.jar", 90);
        touch("kldiv-cli.jar", 300);
        assertEquals(1, fresh(JDK));
    }

    @Test
    void aLaterBuildAnotherJdkOrAMissingRecordMakeItStale() throws Exception {
        touch("kldiv-launcher.stamp", 300);
        assertEquals(1, fresh(JDK));
        touch("kldiv-launcher.stamp", 100);
        assertEquals(1, fresh("/opt/jdk-25.0.4"));
        Files.delete(dir.resolve("kldiv.aot.jdk"));
        assertEquals(1, fresh(JDK));
    }

    @Test
    void noCacheIsNeverFresh() throws Exception {
        Files.delete(cache);
        assertEquals(1, fresh(JDK));
    }

    /** A file in the temporary folder, written now and dated {@code seconds} after an arbitrary origin. */
    private Path touch(String name, long seconds) throws Exception {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            Files.writeString(file, name);
        }
        Files.setLastModifiedTime(file, FileTime.from(1_700_000_000L + seconds, TimeUnit.SECONDS));
        return file;
    }

    private int fresh(String jdk) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "source \"$0\" && aot_cache_fresh \"$@\"",
                SCRIPT.toString(), cache.toString(), stamp.toString(), jdk, jar.toString(), lib.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("", output);
        return process.waitFor();
    }
}
