package dev.ringside.shell.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringside.shell.Main;
import dev.ringside.tracer.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mem}, {@code watch} and {@code cqes} journal the headers and unreaped CQEs they showed, as they showed them. */
class ShownMemoryJournalTest {
    @TempDir
    Path dir;

    @Test
    void theJournalHoldsWhatMemWatchAndCqesShowed() throws IOException {
        Path script = Files.writeString(dir.resolve("shown.iou"), """
                ring create entries=8
                sqe nop user_data=1
                submit wait=1
                mem cq --json
                mem sq
                sqe timeout user_data=2 ts=100ms
                submit
                watch cq for=400ms interval=1ms
                mem cqes
                cqes
                mem cq --json
                """);
        Path journal = dir.resolve("shown.jsonl");
        StringWriter text = new StringWriter();
        int code = Main.run(List.of("run", "--journal", journal.toString(), script.toString()), new PrintWriter(text, true));
        assertEquals(0, code, text.toString());
        List<JsonNode> shown = new ArrayList<>();
        List<JsonNode> seen = new ArrayList<>();
        for (JournalReader.Line line : JournalReader.read(journal).lines()) {
            if (line.type().equals("header_shown")) {
                shown.add(line.json());
            } else if (line.type().equals("cqe_seen")) {
                seen.add(line.json());
            }
        }
        List<String> headers = shown.stream().map(h -> h.path("shown_by").asText() + " " + h.path("which").asText()
                + " head=" + h.path("fields").path("head").asLong() + " tail=" + h.path("fields").path("tail").asLong()).toList();
        // watch prints the cq header when it changes: first as it was, then when the TIMEOUT's CQE arrived
        assertEquals(List.of("mem cq cq head=1 tail=1", "mem sq sq head=1 tail=1", "watch cq head=1 tail=1",
                "watch cq head=1 tail=2", "mem cqes cq head=1 tail=2", "cqes cq head=1 tail=2", "mem cq cq head=2 tail=2"),
                headers, text.toString());
        // the TIMEOUT's CQE, shown unreaped by watch and by mem cqes, then reaped by cqes
        assertEquals(List.of("watch 2 -62", "mem cqes 2 -62"), seen.stream().map(s -> s.path("shown_by").asText() + " "
                + s.path("user_data").asLong() + " " + s.path("res").asInt()).toList());
        // what the screen printed (mem cq --json) is what the journal holds, field by field
        List<JsonNode> printed = text.toString().lines().filter(l -> l.startsWith("{\"type\":\"cq\""))
                .map(ShownMemoryJournalTest::json).toList();
        assertEquals(2, printed.size(), text.toString());
        JsonNode last = shown.getLast().path("fields");
        for (String field : List.of("head", "tail", "ring_mask", "ring_entries", "overflow", "flags")) {
            assertEquals(printed.get(1).path(field).asLong(), last.path(field).asLong(), field);
        }
        Outcome show = show(journal, "header_shown");
        assertTrue(show.text().contains("cq header (watch): head=1 tail=2"), show.text());
    }

    record Outcome(int code, String text) {
    }

    private static Outcome show(Path journal, String filter) {
        StringWriter text = new StringWriter();
        int code = Main.run(List.of("trace", "show", journal.toString(), filter), new PrintWriter(text, true));
        return new Outcome(code, text.toString());
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
