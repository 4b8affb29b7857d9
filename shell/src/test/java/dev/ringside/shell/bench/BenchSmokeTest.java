package dev.ringside.shell.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The quick smoke runs that keep the benchmarks from rotting (bench/run does the real measurements):
 * every case of {@code ringside bench} on a real ring, and the liburing baseline built and run.
 */
class BenchSmokeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode bench(String... args) throws IOException {
        StringWriter out = new StringWriter();
        int code = BenchCommand.cli(List.of(args), new PrintWriter(out, true));
        assertEquals(0, code, out.toString());
        return JSON.readTree(out.toString().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nop", "timeout", "read-pipe"})
    void everyCaseCompletesEveryOperationOnARealRing(String kase) throws IOException {
        JsonNode r = bench(kase, "batch=4", "count=400", "--json");
        assertEquals(kase, r.path("case").asText());
        assertEquals(0, r.path("failed").asLong(), r.toString());
        assertTrue(r.path("ops_per_s").asDouble() > 0, r.toString());
        assertTrue(r.path("p50_ns").asLong() <= r.path("p99_ns").asLong(), r.toString());
        assertTrue(r.path("p99_ns").asLong() <= r.path("p999_ns").asLong(), r.toString());
    }

    @Test
    void aNopBatchIsOneEnterAsWithLiburing() throws IOException {
        // 100 batches in each phase, 100 or more of warm-up: NOPs complete inside the submit, so no wait enters
        JsonNode r = bench("nop", "batch=4", "count=400", "--json");
        assertTrue(r.path("batches").asLong() >= 300, r.toString());
        assertEquals(r.path("batches").asLong(), r.path("enters").asLong(), r.toString());
    }

    @Test
    void theJournalOnRecordsEveryCompletion(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("j.jsonl");
        bench("nop", "batch=8", "count=80", "journal-file=" + file, "--json");
        long cqes = Files.readAllLines(file).stream().filter(l -> l.contains("\"type\":\"cqe_reaped\"")).count();
        assertEquals(80 + 80 + 80, cqes); // warm-up, throughput and latency phases of 10 batches each

        // bench/run's decode step at small scale: trace show and trace export of the bench's own journal
        StringWriter shown = new StringWriter();
        assertEquals(0, dev.ringside.shell.trace.TraceShow.cli(List.of(file.toString(), "cqe_reaped"), new PrintWriter(shown, true)));
        assertEquals(240, shown.toString().lines().filter(l -> l.contains(" bench cqe user_data=")).count(), shown.toString());
        Path trace = dir.resolve("j.trace.json");
        StringWriter exported = new StringWriter();
        assertEquals(0, dev.ringside.shell.trace.TraceExport.cli(List.of(file.toString(), trace.toString()),
                new PrintWriter(exported, true)), exported.toString());
        JsonNode events = JSON.readTree(trace.toFile()).path("traceEvents");
        long reaps = 0;
        for (JsonNode e : events) {
            reaps += e.path("cat").asText().equals("reap") ? 1 : 0;
        }
        assertEquals(240, reaps, "one reap instant per CQE");
    }

    @Test
    void badArgumentsAreOneLineAndExit2() {
        StringWriter out = new StringWriter();
        assertEquals(2, BenchCommand.cli(List.of("nop", "batch=zero"), new PrintWriter(out, true)));
        assertTrue(out.toString().startsWith("ringside bench: batch=zero is not a number"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(2, BenchCommand.cli(List.of("fsync"), new PrintWriter(out, true)));
        assertTrue(out.toString().contains("unknown bench case 'fsync'"), out.toString());
    }

    /** The C baseline builds from Debian's liburing-dev (bin/install-bench-tools, run by .ci/run) and does the same work. */
    @Test
    void theLiburingBaselineBuildsAndRuns(@TempDir Path dir) throws Exception {
        Path source = Path.of("..", "bench", "c", "ringbench.c").toAbsolutePath().normalize();
        assumeTrue(Files.exists(Path.of("/usr/include/liburing.h")), "liburing-dev is not installed (bin/install-bench-tools)");
        Path binary = dir.resolve("ringbench");
        assertEquals("", run(dir, "cc", "-O2", "-Wall", "-Werror", "-o", binary.toString(), source.toString(), "-luring"));
        JsonNode r = JSON.readTree(run(dir, binary.toString(), "nop", "4", "400"));
        assertEquals("liburing", r.path("impl").asText());
        assertEquals(0, r.path("failed").asLong());
        assertTrue(r.path("ops_per_s").asDouble() > 0, r.toString());
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }
}
