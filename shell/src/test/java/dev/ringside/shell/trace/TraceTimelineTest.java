package dev.ringside.shell.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringside.shell.Main;
import dev.ringside.tracer.journal.JournalReader;
import dev.ringside.tracer.trace.Tracefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code trace export} and {@code trace latency} on journals of real rings, checked against the Trace
 * Event Format's rules ({@link TraceEventFormat}) and against the script: one slice per SQE it submitted.
 */
class TraceTimelineTest {
    static final String SCRIPT = """
            ring create entries=16
            pipe p
            buf alloc in 16
            sqe nop user_data=1
            sqe nop user_data=2
            sqe nop user_data=3
            submit wait=3
            expect cqe user_data=1 res=0
            expect cqe user_data=2 res=0
            expect cqe user_data=3 res=0
            sqe timeout user_data=4 ts=1ms
            submit wait=1
            expect cqe user_data=4 res=-ETIME
            sqe read user_data=5 fd=$p.r addr=@in len=5 flags=IO_LINK
            sqe link_timeout user_data=6 ts=1ms
            submit wait=2
            expect cqe user_data=5 res=-ECANCELED
            expect cqe user_data=6 res=-ETIME
            sqe read user_data=7 fd=$p.r addr=@in len=5
            submit
            sqe async_cancel user_data=8 target=7
            submit wait=2
            expect cqe user_data=7 res=-ECANCELED
            expect cqe user_data=8 res=0
            sqe nop user_data=1
            submit wait=1
            expect cqe user_data=1 res=0
            """;
    /** What the script submits, in order: user_data 1 twice, so ids cannot be user_data; READ 7 and its cancel overlap. */
    static final List<String> REQUESTS = List.of("NOP user_data=1", "NOP user_data=2", "NOP user_data=3",
            "TIMEOUT user_data=4", "READ user_data=5", "LINK_TIMEOUT user_data=6", "READ user_data=7",
            "ASYNC_CANCEL user_data=8", "NOP user_data=1");

    @TempDir
    Path dir;

    record Outcome(int code, String out) {
    }

    static Outcome main(String... args) {
        StringWriter text = new StringWriter();
        int code = Main.run(List.of(args), new PrintWriter(text, true));
        return new Outcome(code, text.toString());
    }

    private JsonNode export(Path journal) throws IOException {
        Path json = dir.resolve("timeline.json");
        Outcome export = main("trace", "export", journal.toString(), json.toString());
        assertEquals(0, export.code(), export.out());
        assertTrue(export.out().contains(REQUESTS.size() + " request(s)"), export.out());
        JsonNode trace = new ObjectMapper().readTree(json.toFile());
        assertEquals(List.of(), TraceEventFormat.violations(trace));
        return trace;
    }

    static List<JsonNode> phase(JsonNode trace, String ph) {
        return StreamSupport.stream(trace.path("traceEvents").spliterator(), false)
                .filter(e -> e.path("ph").asText().equals(ph)).toList();
    }

    static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.path("name").asText()).toList();
    }

    @Test
    void aJournalWithoutKernelEventsExportsOneSlicePerRequestAndEnterSlicesOnTheConsoleThread() throws IOException {
        Path script = Files.writeString(dir.resolve("timeline.iou"), SCRIPT);
        Path journal = dir.resolve("plain.jsonl");
        Outcome run = main("run", "--journal", journal.toString(), script.toString());
        assertEquals(0, run.code(), run.out());
        JsonNode trace = export(journal);
        assertEquals(REQUESTS, names(phase(trace, "b")));
        assertEquals(REQUESTS.size(), phase(trace, "e").size());
        // the console reaped each request's CQE: a mark each, on the ring's console thread
        assertEquals(REQUESTS.size(), phase(trace, "i").stream().filter(e -> e.path("cat").asText().equals("reap")).count());
        // every io_uring_enter of the journal is a slice
        long enters = JournalReader.read(journal).lines().stream().filter(l -> l.type().equals("entered")).count();
        assertEquals(enters, phase(trace, "X").stream().filter(e -> e.path("cat").asText().equals("enter")).count());
        assertTrue(enters >= 4);
        // one process for the one ring, named
        assertTrue(phase(trace, "M").stream().anyMatch(m -> m.path("args").path("name").asText().startsWith("ring r0")));

        Outcome latency = main("trace", "latency", journal.toString());
        assertEquals(0, latency.code(), latency.out());
        assertTrue(latency.out().contains("@TIMEOUT, submission to reap (no kernel events) (us), 1 request:"), latency.out());
        assertTrue(latency.out().contains("@NOP, submission to reap (no kernel events) (us), 4 requests:"), latency.out());
    }

    @Test
    void withTheKernelsEventsTheTimeoutTakesAMillisecondAndKernelEventsSitOnTheirRequests() throws IOException {
        assumeTrue(Tracefs.root(), "kernel tracing needs root (tracefs)");
        Tracefs.Result<Path> root = Tracefs.locate(line -> { });
        assumeTrue(root.value().isPresent(), root.why());
        Path script = Files.writeString(dir.resolve("timeline.iou"), SCRIPT);
        Path journal = dir.resolve("traced.jsonl");
        Outcome run = main("run", "--trace", journal.toString(), script.toString());
        assertEquals(0, run.code(), run.out());
        JsonNode trace = export(journal);
        assertEquals(REQUESTS, names(phase(trace, "b")));
        // the READ on an empty pipe was armed for poll: the kernel said so, on the READ's slice
        assertTrue(phase(trace, "n").stream().anyMatch(n -> n.path("name").asText().equals("READ user_data=5")
                && n.path("args").path("kernel").asText().equals("poll_arm")), "no poll_arm on the READ");
        // each request's slice holds its kernel submit_req and complete
        for (JsonNode b : phase(trace, "b")) {
            List<String> kernel = phase(trace, "n").stream().filter(n -> n.path("id").equals(b.path("id")))
                    .map(n -> n.path("args").path("kernel").asText()).toList();
            assertTrue(kernel.contains("complete"), b.path("name") + " has " + kernel);
        }
        // the 1 ms TIMEOUT: its slice, submission to the kernel's completion, is 1 ms and a little
        JsonNode timeoutBegin = phase(trace, "b").get(3);
        JsonNode timeoutEnd = phase(trace, "e").stream().filter(e -> e.path("id").equals(timeoutBegin.path("id"))).findFirst().orElseThrow();
        double micros = timeoutEnd.path("ts").asDouble() - timeoutBegin.path("ts").asDouble();
        // at least the 1 ms asked for; more only when the machine is loaded (the CQE is posted by task work on our thread)
        assertTrue(micros >= 1000, "TIMEOUT 1ms took " + micros + " us: " + timeoutBegin + " "
                + phase(trace, "n").stream().filter(n -> n.path("id").equals(timeoutBegin.path("id"))).toList() + " " + timeoutEnd);

        Outcome latency = main("trace", "latency", journal.toString(), "--json");
        assertEquals(0, latency.code(), latency.out());
        ObjectMapper json = new ObjectMapper();
        JsonNode timeout = null;
        for (String line : latency.out().strip().split("\n")) {
            JsonNode h = json.readTree(line);
            if (h.path("opcode").asText().equals("TIMEOUT") && h.path("stage").asText().equals("submit_to_cqe")) {
                timeout = h;
            }
        }
        assertTrue(timeout != null, latency.out());
        assertEquals(1, timeout.path("buckets").size(), timeout.toString());
        long from = timeout.path("buckets").get(0).path("from").asLong();
        // the histogram's bucket holds the slice's length: [512, 1K) up to 1.024 ms, [1K, 2K) after, unless loaded
        assertTrue(from <= (long) micros && (long) micros < timeout.path("buckets").get(0).path("to").asLong(),
                micros + " us outside " + timeout);
        assertTrue(from >= 512, timeout.toString());
        Outcome text = main("trace", "latency", journal.toString());
        String bucket = TraceLatency.range(Long.numberOfTrailingZeros(from) + 1).replace("[", "\\[").replace(")", "\\)");
        assertTrue(text.out().matches("(?s).*@TIMEOUT, submission to CQE \\(kernel complete\\) \\(us\\), 1 request:\n"
                + bucket + " +1 \\|@{52}\\|.*"), text.out());
        assertTrue(text.out().contains("@TIMEOUT, CQE to reap (us), 1 request:"), text.out());
    }

    @Test
    void anSqpollRingsThreadIsATrackOfItsOwnWithFlowsFromTheSubmitToItAndBack() throws IOException {
        assumeTrue(Tracefs.root(), "kernel tracing needs root (tracefs)");
        Tracefs.Result<Path> root = Tracefs.locate(line -> { });
        assumeTrue(root.value().isPresent(), root.why());
        Path journal = dir.resolve("sqpoll.jsonl");
        Outcome run = main("run", "--trace", journal.toString(), Path.of("..", "examples", "sqpoll.iou").toString());
        assumeTrue(run.code() != 77, "no SQPOLL here");
        assertEquals(0, run.code(), run.out());
        Path json = dir.resolve("sqpoll.json");
        assertEquals(0, main("trace", "export", journal.toString(), json.toString()).code());
        JsonNode trace = new ObjectMapper().readTree(json.toFile());
        assertEquals(List.of(), TraceEventFormat.violations(trace));
        JsonNode sqThread = phase(trace, "M").stream().filter(m -> m.path("args").path("name").asText().startsWith("iou-sqp-"))
                .findFirst().orElseThrow(() -> new AssertionError("no iou-sqp thread track"));
        // the SQPOLL thread's submit_req and complete are slices on its track, one flow per NOP reaching it
        List<JsonNode> onThread = phase(trace, "X").stream().filter(x -> x.path("tid").equals(sqThread.path("tid"))).toList();
        assertTrue(names(onThread).containsAll(List.of("submit_req", "complete")), names(onThread).toString());
        assertEquals(List.of("NOP user_data=1", "NOP user_data=2"), names(phase(trace, "s")));
        assertEquals(2, phase(trace, "f").stream().filter(f -> f.path("tid").equals(sqThread.path("tid"))).count());
    }

    @Test
    void theConsolesTraceExportAndLatencyReadItsOwnSession() throws IOException {
        Path json = dir.resolve("console.json");
        Path script = Files.writeString(dir.resolve("console.iou"), """
                ring create entries=8
                sqe nop user_data=1
                sqe nop user_data=2
                submit wait=2
                trace export %s
                trace latency --json
                trace export /nonexistent-dir/x.json
                """.formatted(json));
        Outcome run = main("run", "--no-journal", script.toString());
        assertEquals(2, run.code(), run.out()); // the last line: a one-line error, not a stack trace
        assertTrue(run.out().contains("wrote " + json + ": 1 ring(s), 2 request(s)"), run.out());
        assertTrue(run.out().contains("{\"type\":\"latency\",\"opcode\":\"NOP\",\"stage\":\"submit_to_reap\",\"unit\":\"us\",\"count\":2"),
                run.out());
        assertTrue(run.out().contains("cannot write /nonexistent-dir/x.json"), run.out());
        assertFalse(run.out().contains("Exception"), run.out());
        JsonNode trace = new ObjectMapper().readTree(json.toFile());
        assertEquals(List.of(), TraceEventFormat.violations(trace));
        assertEquals(List.of("NOP user_data=1", "NOP user_data=2"), names(phase(trace, "b")));
    }

    @Test
    void theFormatCheckCatchesEachBrokenRule() throws IOException {
        ObjectMapper json = new ObjectMapper();
        String good = """
                {"traceEvents":[
                 {"ph":"X","cat":"enter","name":"enter","ts":1,"dur":5,"pid":1,"tid":1},
                 {"ph":"b","cat":"request","name":"NOP","id":"0x1","ts":2,"pid":1,"tid":1},
                 {"ph":"s","cat":"flow","name":"NOP","id":"0x1","ts":2,"pid":1,"tid":1},
                 {"ph":"n","cat":"request","name":"NOP","id":"0x1","ts":3,"pid":1,"tid":1},
                 {"ph":"f","cat":"flow","name":"NOP","id":"0x1","ts":4,"pid":1,"tid":1,"bp":"e"},
                 {"ph":"e","cat":"request","name":"NOP","id":"0x1","ts":4,"pid":1,"tid":1}]}""";
        assertEquals(List.of(), TraceEventFormat.violations(json.readTree(good)));
        List<String> broken = new ArrayList<>();
        // an "e" missing, a name changed, ts going back, a field missing, an id reused, slices crossing, a flow unfinished
        broken.add(good.replace(",\n {\"ph\":\"e\",\"cat\":\"request\",\"name\":\"NOP\",\"id\":\"0x1\",\"ts\":4,\"pid\":1,\"tid\":1}", ""));
        broken.add(good.replace("{\"ph\":\"e\",\"cat\":\"request\",\"name\":\"NOP\"", "{\"ph\":\"e\",\"cat\":\"request\",\"name\":\"READ\""));
        broken.add(good.replace("\"name\":\"NOP\",\"id\":\"0x1\",\"ts\":3", "\"name\":\"NOP\",\"id\":\"0x1\",\"ts\":1"));
        broken.add(good.replace("\"ph\":\"X\",\"cat\":\"enter\",\"name\":\"enter\",\"ts\":1,", "\"ph\":\"X\",\"cat\":\"enter\",\"ts\":1,"));
        broken.add(good.replace("]}", ",\n {\"ph\":\"b\",\"cat\":\"request\",\"name\":\"NOP\",\"id\":\"0x1\",\"ts\":9,\"pid\":1,\"tid\":1},"
                + "{\"ph\":\"e\",\"cat\":\"request\",\"name\":\"NOP\",\"id\":\"0x1\",\"ts\":10,\"pid\":1,\"tid\":1}]}"));
        broken.add(good.replace("]}", ",\n {\"ph\":\"X\",\"cat\":\"enter\",\"name\":\"enter\",\"ts\":4,\"dur\":5,\"pid\":1,\"tid\":1}]}"));
        broken.add(good.replace("\"ph\":\"f\"", "\"ph\":\"t\""));
        for (String trace : broken) {
            assertFalse(TraceEventFormat.violations(json.readTree(trace)).isEmpty(), trace);
        }
    }

    @Test
    void exportAndLatencyOfAMissingFileAreOneLineAndExitTwo() {
        Outcome export = main("trace", "export", dir.resolve("none.jsonl").toString(), dir.resolve("out.json").toString());
        assertEquals(2, export.code());
        assertEquals("ringside trace export: no file " + dir.resolve("none.jsonl") + "\n", export.out());
        Outcome latency = main("trace", "latency");
        assertEquals(2, latency.code());
        assertEquals("usage: ringside trace latency JOURNAL.jsonl [--json]\n", latency.out());
    }
}
