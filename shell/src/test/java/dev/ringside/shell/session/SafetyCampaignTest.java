package dev.ringside.shell.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@link SafetyCampaign} (10,000 random SQEs, every opcode, three rings, real submits) in a
 * JVM of its own with -XX:+ErrorFileToStderr, in a scratch directory: it must exit 0 with every
 * canary intact, and no fatal error report (hs_err) may appear on its stderr or in the directory.
 */
class SafetyCampaignTest {
    @TempDir
    Path scratch;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void tenThousandRandomSqesTouchNothingOutsideSessionBuffers() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = scratch.resolve("stdout.txt");
        Path err = scratch.resolve("stderr.txt");
        Process p = new ProcessBuilder(List.of(java.toString(), "-XX:+ErrorFileToStderr", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SafetyCampaign.class.getName(), "10000"))
                .directory(scratch.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean ended = p.waitFor(110, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(ended, "the campaign did not finish in 110 s\n" + stdout + stderr);
        assertFalse(stderr.contains("A fatal error has been detected"), stderr);
        try (Stream<Path> files = Files.list(scratch)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList());
        }
        assertEquals(0, p.exitValue(), stdout + stderr);
        assertTrue(stdout.matches("(?s)campaign seed=-?\\d+ sqes=10000 submitted=\\d+ refused=\\d+ canaries intact\n"), stdout);
        // the campaign is no campaign if nothing reaches the kernel
        long submitted = Long.parseLong(stdout.replaceAll("(?s).*submitted=(\\d+).*", "$1"));
        assertTrue(submitted > 1000, stdout);
    }
}
