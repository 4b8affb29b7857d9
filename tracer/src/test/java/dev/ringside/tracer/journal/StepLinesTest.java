package dev.ringside.tracer.journal;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written lines of a console line's events are Jackson's lines byte for byte, and read back as the records. */
class StepLinesTest {
    private static final long[] LONGS = {0, 1, -1, 9, 10, 99, 100, 1234567890123L, Integer.MIN_VALUE, Integer.MAX_VALUE,
            Long.MIN_VALUE, Long.MAX_VALUE};
    /** Texts that need quoting of every kind Jackson does: quotes, backslashes, control characters, DEL, non-ASCII. */
    private static final String[] TEXTS = {"sqe nop", "  submit wait=1", "", "r0", "a\"b\\c", "tab\there\nnl\u0001\u001f",
            "del\u007f", "ré ☃ \uD83D\uDE00", "</script>", "~ {}[]"};

    static List<Event> steps() {
        Catalog catalog = Catalog.builtin();
        Opcode nop = catalog.opcode("NOP");
        Opcode read = catalog.opcode("READ");
        SqeField userData = catalog.field(nop, "user_data");
        SqeField addr = catalog.field(read, "addr");
        List<Event> events = new ArrayList<>();
        for (String text : TEXTS) {
            events.add(new Event.CommandRan(7, text, true));
            events.add(new Event.CommandRan(8, text, false));
            events.add(new Event.Waited(9, text, 1, 10_000_000_000L, 0));
            events.add(new Event.SqeQueued(10, text, text, 5, new byte[] {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, 0x10}));
            events.add(new Event.SqeAssigned(11, text, nop, List.of()));
            events.add(new Event.SqeAssigned(12, text, read, List.of(
                    new SqeDraft.Assignment(userData, new FieldValue.Scalar(3), text),
                    new SqeDraft.Assignment(addr, new FieldValue.BufferRef(text, 16), "@" + text + "+16"),
                    new SqeDraft.Assignment(addr, new FieldValue.Bytes(new byte[] {1, (byte) 0xab}), "01ab"),
                    new SqeDraft.Assignment(addr, new FieldValue.RawAddress(-8), "0xfffffffffffffff8"),
                    new SqeDraft.Assignment(addr, new FieldValue.Timespec(1_000_000), "1ms"))));
        }
        for (long n : LONGS) {
            events.add(new Event.CommandRan(Math.abs(n % 1_000_000_000_000L), "sqe nop", n > 0));
            events.add(new Event.Waited(n, "r0", (int) n, n, (int) (n >> 3)));
            events.add(new Event.SqeQueued(n, "r0", "NOP", n, new byte[64]));
            events.add(new Event.SqeAssigned(n, "r0", nop, List.of(new SqeDraft.Assignment(userData, new FieldValue.Scalar(n),
                    Long.toString(n)))));
        }
        return events;
    }

    @Test
    void theStepLinesAreJacksonsLines() {
        for (Event event : steps()) {
            LineBuffer buffer = new LineBuffer();
            event.writeLine(new JsonLine(buffer));
            String line = new String(buffer.bytes(), 0, buffer.size(), StandardCharsets.UTF_8);
            assertEquals(JournalJson.toLine(event) + "\n", line, event.toString());
        }
    }

    @Test
    void stepLinesReadBackAsTheRecords() {
        List<Event> events = steps();
        try (Journal journal = new Journal()) {
            events.forEach(journal::record);
            List<Event> back = journal.events();
            assertEquals(events.size(), back.size());
            for (int i = 0; i < events.size(); i++) {
                // byte[] members compare by identity in a record's equals: compare the lines
                assertEquals(JournalJson.toLine(events.get(i)), JournalJson.toLine(back.get(i)), "read back from the spool");
            }
        }
    }
}
