package dev.ringside.tracer.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The header and session lines a journal file starts with, written by hand, are the lines Jackson wrote for them. */
class JournalFileLinesTest {
    /** Labels with every character Jackson escapes, and the ones it leaves alone (DEL, non-ASCII, a surrogate pair, a lone one). */
    private static final String[] LABELS = {"run examples/hello.iou", "", "a\"b\\c/d", "\u007f ré ☃ \uD83D\uDE00 \uD800x",
            "console", "run /tmp/a b\tc\nd\re\bf\fg"};

    private static String jackson(String type, String key, String text, String numberKey, long number) {
        ObjectNode node = JournalJson.mapper().createObjectNode();
        node.put("type", type);
        node.put(key, text);
        node.put(numberKey, number);
        return JournalJson.write(node);
    }

    @Test
    void everyCharacterIsQuotedAsJacksonQuotesIt() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String text = "x" + c + "y";
            assertEquals(JournalJson.write(JournalJson.mapper().getNodeFactory().textNode(text)), LineBuffer.quoted(text),
                    "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void theSessionLineIsJacksons() {
        for (String label : LABELS) {
            for (long start : new long[] {0, 29128692392164L, Long.MAX_VALUE, -1}) {
                assertEquals(jackson(JournalJson.SESSION_TYPE, "label", label, "monotonic_start_ns", start),
                        JournalFile.sessionLine(label, start), label);
            }
        }
    }

    @Test
    void theHeaderLineIsJacksons() {
        for (Instant started : new Instant[] {Instant.now(), Instant.EPOCH, Instant.parse("2026-12-01T15:42:05.460878848Z")}) {
            ObjectNode header = JournalJson.mapper().createObjectNode();
            header.put("type", JournalJson.HEADER_TYPE);
            header.put("schema", JournalJson.SCHEMA_VERSION);
            header.put("pid", 12132L);
            header.put("started", started.toString());
            assertEquals(JournalJson.write(header), JournalFile.headerLine(12132L, started));
        }
    }

    @Test
    void aFileStartsWithTheHeaderAndTheSessionLine() throws Exception {
        Path file = Files.createTempFile("journal-lines-", ".jsonl");
        try (Journal journal = new Journal(); JournalFile journalFile = JournalFile.open(file, warning -> { })) {
            journalFile.attach(journal, "run \"odd\"\tname.iou");
            journal.record(new Event.Note(journal.now(), "hello"));
            journal.flush();
            String[] lines = Files.readString(file).split("\n");
            assertEquals(3, lines.length);
            assertEquals(JournalJson.HEADER_TYPE, JournalJson.mapper().readTree(lines[0]).path("type").asText());
            assertEquals(jackson(JournalJson.SESSION_TYPE, "label", "run \"odd\"\tname.iou", "monotonic_start_ns",
                    journal.startNanos()), lines[1]);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
