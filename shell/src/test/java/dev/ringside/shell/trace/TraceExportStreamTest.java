package dev.ringside.shell.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.JournalJson;
import dev.ringside.tracer.trace.Tracefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streamed {@code trace export} against the exporter that held the whole trace ({@link TraceExportReference}):
 * the same trace events on journals of real rings, and a timeline that keeps only what is in flight.
 */
class TraceExportStreamTest {
    /** Two rings, so request ids are numbered per ring; requests that overlap, a timeout, a cancel. */
    private static final String SCRIPT = TraceTimelineTest.SCRIPT + """
            ring create second entries=8
            sqe nop user_data=11
            sqe timeout user_data=12 ts=1ms
            submit wait=2
            expect cqe user_data=11 res=0
            expect cqe user_data=12 res=-ETIME
            """;

    @TempDir
    Path dir;

    @Test
    void theStreamedExportWritesTheEventsTheWholeTraceExportWrote() throws IOException {
        Path script = Files.writeString(dir.resolve("two.iou"), SCRIPT);
        Path journal = dir.resolve("plain.jsonl");
        TraceTimelineTest.Outcome run = TraceTimelineTest.main("run", "--journal", journal.toString(), script.toString());
        assertEquals(0, run.code(), run.out());
        sameEvents(journal);
    }

    @Test
    void withTheKernelsEventsToo() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tracefs.root(), "kernel tracing needs root (tracefs)");
        org.junit.jupiter.api.Assumptions.assumeTrue(Tracefs.locate(line -> { }).value().isPresent(), "no tracefs");
        Path script = Files.writeString(dir.resolve("two.iou"), SCRIPT);
        Path journal = dir.resolve("traced.jsonl");
        TraceTimelineTest.Outcome run = TraceTimelineTest.main("run", "--trace", journal.toString(), script.toString());
        assertEquals(0, run.code(), run.out());
        assertTrue(Files.readString(journal).contains("kernel_event"), "no kernel events journaled");
        sameEvents(journal);
    }

    /** The two exporters' events equal as a multiset, each async id renamed to its request's process, name and start. */
    private void sameEvents(Path journal) throws IOException {
        Path streamed = dir.resolve("streamed.json");
        Path whole = dir.resolve("whole.json");
        String said = TraceExport.write(journal, streamed);
        String wholeSaid = TraceExportReference.write(Timeline.of(TraceShow.read(journal)), whole);
        assertEquals(wholeSaid.replace(whole.toString(), "OUT"), said.replace(streamed.toString(), "OUT"));
        JsonNode a = new ObjectMapper().readTree(whole.toFile());
        JsonNode b = new ObjectMapper().readTree(streamed.toFile());
        assertEquals(List.of(), TraceEventFormat.violations(b));
        assertEquals(sorted(canonical(a)), sorted(canonical(b)));
        assertTrue(canonical(b).stream().anyMatch(e -> e.contains("\"ph\":\"b\"")), "no requests exported");
        ObjectNode rest = ((ObjectNode) b.deepCopy()).without("traceEvents");
        assertEquals(((ObjectNode) a.deepCopy()).without("traceEvents"), rest);
    }

    private static List<String> canonical(JsonNode trace) {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode e : trace.path("traceEvents")) {
            if (e.path("ph").asText().equals("b")) {
                ids.put(e.path("id").asText(), e.path("pid").asText() + "/" + e.path("name").asText() + "@" + e.path("ts").asText());
            }
        }
        List<String> events = new ArrayList<>();
        for (JsonNode e : trace.path("traceEvents")) {
            ObjectNode copy = e.deepCopy();
            if (copy.has("id")) {
                copy.put("id", ids.getOrDefault(copy.path("id").asText(), "unmatched " + copy.path("id").asText()));
            }
            events.add(copy.toString());
        }
        return events;
    }

    private static List<String> sorted(List<String> events) {
        return events.stream().sorted().toList();
    }

    /**
     * A long journal of batches (32 SQEs, one submit, 32 CQEs) streamed: each request is handed on when its CQE
     * comes and nothing of it stays, so what the timeline holds never grows past a batch in flight.
     */
    @Test
    void aStreamedTimelineHoldsOnlyTheRequestsInFlight() throws IOException {
        Path journal = dir.resolve("batches.jsonl");
        int batches = 3000;
        try (BufferedWriter out = Files.newBufferedWriter(journal)) {
            long at = 1000;
            for (int b = 0; b < batches; b++) {
                for (int i = 0; i < 32; i++) {
                    line(out, new Event.SqeQueued(at++, "r0", "NOP", b * 32L + i, new byte[64]));
                }
                line(out, new Event.Entered(at++, "r0", Event.EnterReason.SUBMIT, 32, 0, 0, -1, 32, 500));
                line(out, new Event.Submitted(at++, "r0", 32, 32));
                for (int i = 0; i < 32; i++) {
                    line(out, new Event.CqeReaped(at++, "r0", b * 32L + i, 0, 0));
                }
            }
        }
        int[] finished = {0};
        int[] mostInFlight = {0};
        Timeline.stream(journal, new Timeline.Sink() {
            @Override
            public void start(long first) {
            }

            @Override
            public void ring(Timeline.Ring ring) {
            }

            @Override
            public void submit(Timeline.Ring ring, Timeline.Submit submit, int index) {
                held(ring);
            }

            @Override
            public void enter(Timeline.Ring ring, Timeline.Enter enter, int index) {
                held(ring);
            }

            @Override
            public void kernel(Timeline.Ring ring, Timeline.Kernel kernel, Timeline.Request owner, int index) {
            }

            @Override
            public void stray(Timeline.Ring ring, Timeline.Cqe cqe, int index) {
            }

            @Override
            public void finished(Timeline.Ring ring, Timeline.Request request) {
                finished[0]++;
                assertEquals(finished[0] - 1, request.index);
                held(ring);
            }

            private void held(Timeline.Ring ring) {
                // kept lists stay empty: the sink has each item
                assertEquals(0, ring.requests.size() + ring.enters.size() + ring.submits.size() + ring.unclaimed.size()
                        + ring.strays.size());
                mostInFlight[0] = Math.max(mostInFlight[0], ring.inFlight.size() + ring.queued.size() + ring.byReq.size());
            }

            @Override
            public void end(List<Timeline.Request> unfinished, long last) {
                assertEquals(List.of(), unfinished);
            }
        });
        assertEquals(batches * 32, finished[0]);
        assertTrue(mostInFlight[0] <= 32, "held " + mostInFlight[0] + " requests at once");
    }

    private static void line(BufferedWriter out, Event event) throws IOException {
        out.write(JournalJson.toLine(event));
        out.newLine();
    }

    /** The hand-written JSON is what Jackson writes: escapes, non-ASCII, doubles of microseconds. */
    @Test
    void jsonBytesWritesWhatJacksonWrites() throws IOException {
        ObjectMapper jackson = new ObjectMapper();
        for (String text : List.of("plain", "quote\" back\\ slash/", "ctl \u0000\u0001\b\t\n\f\r\u001f\u007f", "é ü 中 \uD83D\uDE00 é\"\n")) {
            String json = new String(new JsonBytes().string(text).toBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(jackson.writeValueAsString(text), json);
        }
        java.util.Random random = new java.util.Random(17);
        List<Long> nanos = new ArrayList<>(List.of(0L, 1L, 9L, 10L, 999L, 1000L, 1001L, 1_000_000L, 9_999_999_999L,
                10_000_000_000L, 123_456_789_012L, -1L, -1500L, Long.MAX_VALUE / 1000));
        for (int i = 0; i < 10_000; i++) {
            nanos.add(random.nextLong(20_000_000_000L));
        }
        for (long n : nanos) {
            assertEquals(jackson.writeValueAsString(n / 1000.0), new String(new JsonBytes().micros(n).toBytes()), "ns " + n);
        }
        List<Long> numbers = new ArrayList<>(List.of(0L, 7L, -7L, Long.MIN_VALUE, Long.MAX_VALUE, -1L << 63 >>> 1,
                (long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L));
        for (long power = 1; power <= 1_000_000_000_000_000_000L; power *= 10) {
            // each digit count's first and last value: the count is computed, not looked up by comparison
            numbers.addAll(List.of(power - 1, power, power + 1, -power));
        }
        for (long n : numbers) {
            assertEquals(Long.toString(n), new String(new JsonBytes().number(n).toBytes()));
            assertEquals(Long.toUnsignedString(n), new String(new JsonBytes().unsigned(n).toBytes()));
        }
    }

    @Test
    void inOrderBytesGivesBackItsTextsInOrderAcrossTheEndOfItsRingAndAsItGrows() {
        InOrderBytes held = new InOrderBytes();
        java.io.ByteArrayOutputStream taken = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        java.util.ArrayDeque<byte[]> waiting = new java.util.ArrayDeque<>();
        java.util.Random random = new java.util.Random(5);
        JsonBytes json = new JsonBytes();
        for (int i = 0; i < 200_000; i++) {
            // phases of more adds than takes (growing past 1 MiB and 4096 texts), then of as many (wrapping around)
            int adds = i < 50_000 ? 2 : 1;
            for (int a = 0; a < adds; a++) {
                json.clear().raw("{\"n\":").number(i).raw(",\"pad\":\"").raw("x".repeat(random.nextInt(300))).raw("\"}");
                held.add(json);
                waiting.add(json.toBytes());
            }
            if (i >= 50_000 || random.nextBoolean()) {
                held.take(taken::write);
                expected.writeBytes(waiting.poll());
            }
        }
        while (!waiting.isEmpty()) {
            held.take(taken::write);
            expected.writeBytes(waiting.poll());
        }
        assertEquals(expected.size(), taken.size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.toByteArray(), taken.toByteArray());
    }
}
