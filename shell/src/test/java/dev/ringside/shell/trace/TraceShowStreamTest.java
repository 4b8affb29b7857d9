package dev.ringside.shell.trace;

import dev.ringside.tracer.journal.JournalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** trace show reads a journal in one streaming pass: time order through a bounded window, notes at the end. */
class TraceShowStreamTest {
    private static String show(Path file) {
        StringWriter out = new StringWriter();
        assertEquals(0, TraceShow.cli(List.of(file.toString()), new PrintWriter(out, true)), out.toString());
        return out.toString();
    }

    private static String cqe(long at, long userData) {
        return "{\"type\":\"cqe_reaped\",\"at\":" + at + ",\"ring\":\"r0\",\"user_data\":" + userData + ",\"res\":0,\"flags\":0}";
    }

    @Test
    void lateEventsPrintInTimeOrderAndBrokenLinesAreNoted(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("j.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"type\":\"journal\",\"schema\":" + JournalJson.SCHEMA_VERSION + ",\"pid\":1,\"started\":\"x\"}",
                "{\"type\":\"session\",\"label\":\"t\",\"monotonic_start_ns\":0}",
                cqe(3000, 3), cqe(1000, 1), "not json", cqe(2000, 2), "{\"type\":\"cqe_re"));
        String out = show(file);
        int one = out.indexOf("user_data=1 ");
        int two = out.indexOf("user_data=2 ");
        int three = out.indexOf("user_data=3 ");
        assertTrue(one >= 0 && one < two && two < three, out);
        assertTrue(out.contains("note: line 5 is not JSON (8 bytes)"), out);
        assertTrue(out.contains("note: line 7 is not JSON (15 bytes): the journal was cut short while writing it"), out);
    }

    @Test
    void aJournalLongerThanTheWindowPrintsEveryEventInOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("j.jsonl");
        int events = TraceShow.REORDER_WINDOW * 2 + 10;
        StringBuilder text = new StringBuilder("{\"type\":\"journal\",\"schema\":" + JournalJson.SCHEMA_VERSION
                + ",\"pid\":1,\"started\":\"x\"}\n");
        for (int i = 0; i < events; i++) {
            // pairs swapped: each event one place late, as the kernel's are
            int at = i % 2 == 0 ? i + 1 : i - 1;
            text.append(cqe(at * 1000L, at)).append('\n');
        }
        Files.writeString(file, text);
        List<String> lines = show(file).lines().filter(l -> l.contains("cqe user_data=")).toList();
        assertEquals(events, lines.size());
        for (int i = 0; i < events; i++) {
            assertTrue(lines.get(i).contains("cqe user_data=" + i + " "), lines.get(i));
        }
    }
}
