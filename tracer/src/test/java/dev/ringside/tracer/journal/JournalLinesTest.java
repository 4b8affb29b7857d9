package dev.ringside.tracer.journal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written lines of the per-operation events are Jackson's lines byte for byte, and the compact window gives the same records back. */
class JournalLinesTest {
    private static final long[] LONGS = {0, 1, -1, 9, 10, 99, 100, 1234567890123L, Integer.MIN_VALUE, Integer.MAX_VALUE,
            Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1};
    /** Ring names that need quoting of every kind Jackson does: quotes, backslashes, control characters, non-ASCII. */
    private static final String[] RINGS = {"bench", "r0", "", "a\"b\\c", "tab\there\nnl\u0001\u001f", "ré ☃ \uD83D\uDE00", "</script>"};

    static List<Event> hot() {
        List<Event> events = new ArrayList<>();
        for (String ring : RINGS) {
            for (long n : LONGS) {
                events.add(new Event.CqeReaped(Math.abs(n % 1_000_000_000_000L), ring, n, (int) n, (int) (n >> 3)));
                events.add(new Event.Submitted(n, ring, (int) n, n));
                for (Event.EnterReason reason : Event.EnterReason.values()) {
                    events.add(new Event.Entered(n, ring, reason, (int) n, (int) -n, (int) (n >>> 40), n, -n, n / 3));
                }
            }
        }
        events.add(new Event.CqeReaped(5, null, 1, 2, 3));
        return events;
    }

    @Test
    void theHotLinesAreJacksonsLines() {
        for (Event event : hot()) {
            LineBuffer buffer = new LineBuffer();
            event.writeLine(new JsonLine(buffer));
            String line = new String(buffer.bytes(), 0, buffer.size(), StandardCharsets.UTF_8);
            assertEquals(JournalJson.toLine(event) + "\n", line, event.toString());
        }
    }

    @Test
    void oneBufferWritesEveryLineAsJacksonWhateverCameBefore() {
        // the start of a CQE line and the digits of a time are kept from line to line: each line must still be its own
        List<Event> events = new ArrayList<>(hot());
        events.addAll(hot().reversed());
        for (long at : new long[] {7, 7, 8, 7}) {
            for (String ring : RINGS) {
                events.add(new Event.CqeReaped(at, ring, at * 3, 0, 0));
                events.add(new Event.CqeReaped(at, ring, -at, -11, 4));
                events.add(new Event.Submitted(at, ring, 1, 1));
                events.add(new Event.CqeReaped(at, new String(ring), 0, 0, 0)); // equal, not the same String
            }
        }
        LineBuffer buffer = new LineBuffer();
        JsonLine line = new JsonLine(buffer);
        StringBuilder expected = new StringBuilder();
        for (Event event : events) {
            event.writeLine(line);
            expected.append(JournalJson.toLine(event)).append('\n');
        }
        assertEquals(expected.toString(), new String(buffer.bytes(), 0, buffer.size(), StandardCharsets.UTF_8));
    }

    @Test
    void aReapRecordedAtOnceIsItsCqesRecordedOneByOne() {
        long[] userData = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1234567890123L, 42};
        int[] res = {0, -62, Integer.MIN_VALUE, Integer.MAX_VALUE, 5, 0, 9};
        int[] flags = {0, 2, -1, 0, 1 << 31, 3, 0};
        List<Event> expected = new ArrayList<>();
        try (Journal journal = new Journal()) {
            for (String ring : RINGS) {
                for (long at : new long[] {0, 999_999_999_999L, 5}) {
                    journal.recordCqesReaped(at, ring, userData, res, flags, userData.length);
                    journal.recordCqesReaped(at, ring, userData, res, flags, 0);
                    journal.recordCqesReaped(at + 1, ring, userData, res, flags, 2);
                    for (int i = 0; i < userData.length; i++) {
                        expected.add(new Event.CqeReaped(at, ring, userData[i], res[i], flags[i]));
                    }
                    expected.add(new Event.CqeReaped(at + 1, ring, userData[0], res[0], flags[0]));
                    expected.add(new Event.CqeReaped(at + 1, ring, userData[1], res[1], flags[1]));
                }
            }
            assertEquals(expected, journal.events(), "read back from the store");
            assertEquals(expected.subList(expected.size() - 9, expected.size()), journal.recent(9), "the window");
        }
        try (Journal listened = new Journal()) {
            List<Event> heard = new ArrayList<>();
            listened.listen(heard::add);
            listened.recordCqesReaped(3, "r", userData, res, flags, 2);
            assertEquals(List.of(new Event.CqeReaped(3, "r", 0, 0, 0), new Event.CqeReaped(3, "r", 1, -62, 2)), heard,
                    "a listener hears each CQE as its own event");
            assertEquals(heard, listened.events());
        }
    }

    @Test
    void eventsRecordedByTheirNumbersReadBackAsTheRecords() {
        List<Event> events = hot();
        try (Journal journal = new Journal()) {
            for (Event event : events) {
                switch (event) {
                    case Event.CqeReaped(long at, String ring, long userData, int res, int flags) ->
                            journal.recordCqeReaped(at, ring, userData, res, flags);
                    case Event.Submitted(long at, String ring, int pending, long submitted) ->
                            journal.recordSubmitted(at, ring, pending, submitted);
                    case Event.Entered e -> journal.recordEntered(e.at(), e.ring(), e.reason(), e.toSubmit(), e.minComplete(),
                            e.flags(), e.timeoutNanos(), e.result(), e.nanos());
                    default -> journal.record(event);
                }
            }
            journal.record(new Event.Note(1, "last"));
            List<Event> window = journal.recent(events.size() + 1);
            assertEquals(events, window.subList(0, events.size()), "the window makes the records again");
            assertEquals(new Event.Note(1, "last"), window.getLast());
            List<Event> back = journal.events();
            assertEquals(events.size() + 1, back.size());
            for (int i = 0; i < events.size(); i++) {
                assertEquals(events.get(i), back.get(i), "read back from the store");
            }
        }
    }

    @Test
    void theWindowKeepsTheLastEventsOfEitherForm() {
        try (Journal journal = new Journal()) {
            for (int i = 0; i < Journal.WINDOW * 2 + 5; i++) {
                if (i % 2 == 0) {
                    journal.recordCqeReaped(i, "r", i, 0, 0);
                } else {
                    journal.record(new Event.Note(i, "n" + i));
                }
            }
            List<Event> window = journal.recent(Integer.MAX_VALUE);
            assertEquals(Journal.WINDOW, window.size());
            assertEquals(Journal.WINDOW * 2 + 4, window.getLast().at());
            assertEquals(Journal.WINDOW + 5, window.getFirst().at());
            assertEquals(List.of(new Event.CqeReaped(Journal.WINDOW * 2 + 2, "r", Journal.WINDOW * 2 + 2, 0, 0),
                    new Event.Note(Journal.WINDOW * 2 + 3, "n" + (Journal.WINDOW * 2 + 3)),
                    new Event.CqeReaped(Journal.WINDOW * 2 + 4, "r", Journal.WINDOW * 2 + 4, 0, 0)), journal.recent(3));
        }
    }

    @Test
    void numbersOfEveryLengthAreTheirDecimalDigits() {
        LineBuffer buffer = new LineBuffer();
        StringBuilder expected = new StringBuilder();
        for (long power = 1, k = 0; k < 19; k++, power *= 10) { // each side of every power of ten, both signs
            for (long n : new long[]{power - 1, power, power + 1, power * 7 + 3}) {
                buffer.number(n).number(-n);
                expected.append(n).append(-n);
            }
        }
        buffer.number(Long.MAX_VALUE).number(Long.MIN_VALUE);
        expected.append(Long.MAX_VALUE).append(Long.MIN_VALUE);
        assertEquals(expected.toString(), new String(buffer.bytes(), 0, buffer.size(), StandardCharsets.US_ASCII));
    }

    @Test
    void aReapBiggerThanTheWindowLeavesItsLastCqesThere() {
        int count = Journal.WINDOW + 10;
        long[] userData = new long[count];
        int[] res = new int[count];
        int[] flags = new int[count];
        for (int i = 0; i < count; i++) {
            userData[i] = i;
            res[i] = -i;
            flags[i] = i << 20; // bit 31 set for the last ones: flags are unsigned beside res
        }
        try (Journal journal = new Journal()) {
            journal.record(new Event.Note(1, "before"));
            journal.recordCqesReaped(2, "r", userData, res, flags, count);
            List<Event> window = journal.recent(Integer.MAX_VALUE);
            assertEquals(Journal.WINDOW, window.size());
            for (int k = 0; k < Journal.WINDOW; k++) {
                int i = count - Journal.WINDOW + k;
                assertEquals(new Event.CqeReaped(2, "r", i, -i, i << 20), window.get(k));
            }
            List<Event> history = journal.events(); // ~300 KB of lines: the one reap crosses several 64 KiB hand-overs
            assertEquals(count + 1, history.size());
            for (int i = 0; i < count; i++) {
                assertEquals(new Event.CqeReaped(2, "r", i, -i, i << 20), history.get(i + 1), "line " + i);
            }
            journal.record(new Event.Note(3, "after"));
            assertEquals(List.of(new Event.CqeReaped(2, "r", count - 1, 1 - count, count - 1 << 20), new Event.Note(3, "after")),
                    journal.recent(2));
        }
    }
}
