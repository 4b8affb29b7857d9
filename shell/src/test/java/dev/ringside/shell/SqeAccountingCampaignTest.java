package dev.ringside.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@link SqeAccountingCampaign} (10,000 random SQEs on a plain ring, 10,000 on a SUBMIT_ALL ring, through the
 * console) in a JVM of its own, so its fds, mappings and heap are its own: every SQE must be accounted for by the
 * CQ ring, the console's lines and (as root) the kernel's tracepoints, fds and mappings as before, the heap within
 * its bound. The figures go to target/reliability/sqe-accounting.txt for .ci/run to print.
 */
class SqeAccountingCampaignTest {
    @TempDir
    Path scratch;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void everySqeOfTwoRandomCampaignsIsAccountedFor() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = scratch.resolve("stdout.txt");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SqeAccountingCampaign.class.getName(), "10000", "12"))
                .directory(scratch.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = p.waitFor(290, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String figures = Files.readString(out, StandardCharsets.UTF_8);
        Path report = Path.of("target", "reliability");
        Files.createDirectories(report);
        Files.writeString(report.resolve("sqe-accounting.txt"), figures);
        System.out.print(figures);
        assertTrue(ended, "the campaign did not finish in 290 s\n" + figures);
        assertEquals(0, p.exitValue(), figures);
        assertTrue(figures.contains("sqe accounting (plain ring, seed 12): 100"), figures);
        assertTrue(figures.contains("sqe accounting (SUBMIT_ALL ring, seed 13): 100"), figures);
        assertEquals(2, figures.split("every SQE accounted for", -1).length - 1, figures);
        assertTrue(figures.contains("fds ") && !figures.contains("mismatch"), figures);
        // a plain ring's campaign is no campaign without partial submits, nor one without failed links
        assertTrue(figures.matches("(?s).*plain ring.*in \\d+ submits \\([1-9]\\d* partial\\).*"), figures);
        assertTrue(figures.matches("(?s).*SUBMIT_ALL ring.*in \\d+ submits \\(0 partial\\).*"), figures);
    }
}
