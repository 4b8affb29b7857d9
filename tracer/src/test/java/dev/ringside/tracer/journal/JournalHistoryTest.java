package dev.ringside.tracer.journal;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.tracer.ring.RingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal keeps a window in memory and its whole history in its store; reading it back gives the same events. */
class JournalHistoryTest {
    /** One event of every kind, with every kind of value an SQE assignment can hold. */
    static List<Event> oneOfEach() {
        Catalog catalog = Catalog.builtin();
        Opcode read = catalog.opcode("READ");
        List<SqeDraft.Assignment> assignments = List.of(
                new SqeDraft.Assignment(catalog.field(read, "fd"), new FieldValue.Scalar(3), "3"),
                new SqeDraft.Assignment(catalog.field(read, "addr"), new FieldValue.BufferRef("b", 16), "@b+16"),
                new SqeDraft.Assignment(catalog.field(read, "off"), new FieldValue.RawAddress(0x1000), "0x1000"),
                new SqeDraft.Assignment(catalog.field(read, "len"), new FieldValue.Timespec(5), "5ns"),
                new SqeDraft.Assignment(catalog.field(read, "user_data"), new FieldValue.Bytes(new byte[] {1, 2}), "\"ab\""));
        RingConfig config = new RingConfig(8, 2, 16, 1, 10, -1);
        Event.RegisterRef ref = new Event.RegisterRef(0, 8, Event.RegisterSource.BUFFER, "b", 4);
        return List.of(
                new Event.RingCreated(1, "r", 5, 8, 2, 0x3fff),
                new Event.SqeQueued(2, "r", "READ", -1L, new byte[] {0, 1, (byte) 0xff}),
                new Event.RegisterCalled(3, "r", 5, 1, 2, 0x1000, new byte[] {1, 2}, new byte[] {3, 4}, -22, 99),
                new Event.Entered(4, "r", Event.EnterReason.WAIT, 1, 2, 9, -1, -4, 100),
                new Event.Submitted(5, "r", 2, 1),
                new Event.Slept(6, 1000),
                new Event.CqeReaped(7, "r", Long.MIN_VALUE, -125, 2),
                new Event.HeaderShown(8, "r", "sq", "mem", Map.of("head", 1L)),
                new Event.CqeSeen(9, "r", "watch", 3, 0, 0),
                new Event.RingClosed(10, "r"),
                new Event.Note(11, "a \"note\"\nwith a newline"),
                new Event.CommandRan(12, "nop", true),
                new Event.KernelEvent(13, "r", "complete", "iou-sqp-1", 7, 1, Map.of("req", "0xff", "res", "-125"), "x"),
                new Event.KernelEventsLost(14, 1, 9),
                new Event.KernelTrace(15, true, "ringside-1", List.of("complete"), 0),
                new Event.RingConfigured(16, "r", config),
                new Event.SetupExpected(17, "r", config, -22, -22),
                new Event.SqeAssigned(18, "r", read, assignments),
                new Event.Waited(19, "r", 1, 1_000_000, 0),
                new Event.Expected(20, "r", OptionalLong.of(1), OptionalLong.empty(), OptionalLong.of(0), 5, false),
                new Event.BufferAllocated(21, "b", 4096, 64),
                new Event.BufferWritten(22, "b", 8, new byte[] {9}),
                new Event.BufferFreed(23, "b"),
                new Event.FdsOpened(24, "pipe2", List.of(0L), "", List.of("p.r", "p.w"), List.of(7, 8)),
                new Event.FdClosed(25, "p.r", 7),
                new Event.ExpectedCount(26, "r", 2, 3, 1, false),
                new Event.ExpectedHeader(27, "r", "cq", Map.of("tail", 2L), 4, true),
                new Event.ExpectedBytes(28, "b", 0, new byte[] {1}, true),
                new Event.Registered(29, "r", 0, ref, List.of(new Event.RegisterArg("iovec", new byte[16], List.of(ref))), 1,
                        List.of(new Event.RegisterMapping("m", 4096, 8, 64)), OptionalLong.empty(), 0, ""),
                new Event.Mapped(30, "r", "sq ring", 0x7f0000001000L, 4096, 0, 5),
                new Event.Unmapped(31, "r", "sq ring", 0x7f0000001000L, 4096, 0),
                new Event.ExpectedRefusal(32, "buf free b", "sqe #1", "buffer b is pointed to by sqe #1 \"READ\"", true),
                new Event.Entered(33, "r", Event.EnterReason.BPF_LOOP, 0, 0, 1, -1, 0, 200),
                new Event.ExpectedCqe(34, "r", OptionalLong.of(2), List.of(new Event.FieldCheck("res", -1, "=", List.of(-22L, -95L), true)),
                        10_000_000, -1, new byte[16], 5, true),
                new Event.ExpectedOrder(35, "r", List.of(1L, 3L, 2L), 5, false),
                new Event.ExpectedSame(36, "a", 0, "b", 1, 11, true),
                new Event.ExpectedHeaderCheck(37, "r", "cq", List.of(new Event.FieldCheck("tail", -1, ">=", List.of(2L), false)), 4, true),
                new Event.ProcessSpawned(38, "c", List.of("/bin/sh", "-c", "exit 3"), 4242, 9),
                new Event.ProcessReaped(39, "c", 4242, false, true, 3),
                new Event.SysCalled(40, "write", List.of("p.w"), List.of(), "", new byte[] {'x'}, "", true, 1, 1),
                new Event.ThreadStarted(41, "t", 10_000_000, "write", "p.w", new byte[] {'x'}, "", 0),
                new Event.ThreadJoined(42, "t", false, 0, 1),
                new Event.HeaderPoked(43, "r", "cq", "flags", 1),
                new Event.PbufAdded(44, "r", 3, List.of(1, 0), 0, 5),
                new Event.BufferPointer(45, "b", 8, "c", 16),
                new Event.ExpectedMember(46, "st", 40, 8, false, new Event.FieldCheck("stx_size", -1, ">=", List.of(1L), false),
                        "expect struct st.stx_size>=1", true),
                new Event.SysCalled(47, "write", List.of("p.w"), List.of(), "", new byte[] {'x'}, "", true, -32, -32,
                        List.of(new Event.FieldCheck("expect", -1, "=", List.of(-32L, -11L), true))),
                new Event.ThreadJoined(48, "t", true, 1, 1, List.of(new Event.FieldCheck("expect", -1, ">=", List.of(0L), true))));
    }

    @Test
    void everyKindReadsBackAsTheSameEvent() {
        List<Event> events = oneOfEach();
        Set<Class<?>> kinds = new HashSet<>();
        events.forEach(e -> kinds.add(e.getClass()));
        assertEquals(Set.of(Event.class.getPermittedSubclasses()), kinds, "one event of every kind");
        try (Journal journal = new Journal()) {
            events.forEach(journal::record);
            List<Event> back = journal.events();
            assertEquals(events.size(), back.size());
            for (int i = 0; i < events.size(); i++) {
                assertEquals(JournalJson.write(JournalJson.toJson(events.get(i))), JournalJson.toLine(events.get(i)),
                        "the line is the tree, written directly");
                assertEquals(JournalJson.toLine(events.get(i)), JournalJson.toLine(back.get(i)));
                assertSame(events.get(i).getClass(), back.get(i).getClass());
            }
            Event.SqeAssigned sqe = (Event.SqeAssigned) back.get(17);
            assertSame(((Event.SqeAssigned) events.get(17)).opcode(), sqe.opcode(), "the opcode the session used");
            assertEquals(new FieldValue.BufferRef("b", 16), sqe.assignments().get(1).value());
        }
    }

    @Test
    void memoryHoldsAWindowAndTheStoreEverything() {
        try (Journal journal = new Journal()) {
            int count = Journal.WINDOW * 3;
            for (int i = 0; i < count; i++) {
                journal.record(new Event.Note(i, "n" + i));
            }
            assertEquals(Journal.WINDOW, journal.recent(Integer.MAX_VALUE).size());
            assertEquals("n" + (count - 1), ((Event.Note) journal.recent(1).getFirst()).text());
            List<Event> all = journal.events();
            assertEquals(count, all.size());
            assertEquals("n0", ((Event.Note) all.getFirst()).text());
        }
    }

    /** Enough CQEs, in reaps of 32, for several 64 KiB buffers: those go through the writer thread. */
    private static List<Event> manyBuffersOfCqes(Journal journal) {
        List<Event> expected = new ArrayList<>();
        long[] userData = new long[32];
        int[] res = new int[32];
        int[] flags = new int[32];
        for (int reap = 0; reap < 400; reap++) {
            for (int i = 0; i < 32; i++) {
                userData[i] = reap * 32L + i;
                res[i] = i % 3 == 0 ? -11 : 0;
                flags[i] = i % 5;
                expected.add(new Event.CqeReaped(reap, "r", userData[i], res[i], flags[i]));
            }
            journal.recordCqesReaped(reap, "r", userData, res, flags, 32);
            if (reap % 50 == 0) { // a flush point between full buffers: it waits for the one in flight first
                Event note = new Event.Note(reap, "n" + reap);
                journal.record(note);
                expected.add(note);
                journal.flush();
            }
        }
        return expected;
    }

    @Test
    void fullBuffersWrittenByTheWriterThreadReadBackInOrder(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("j.jsonl");
        List<String> warnings = new ArrayList<>();
        List<Event> expected;
        try (JournalFile file = JournalFile.open(path, warnings::add)) {
            try (Journal journal = new Journal()) {
                file.attach(journal, "many");
                expected = manyBuffersOfCqes(journal);
                assertEquals(expected, journal.events());
            }
        }
        List<String> lines = Files.readAllLines(path);
        assertEquals(expected.size() + 2, lines.size()); // the header and session lines first
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(JournalJson.toLine(expected.get(i)), lines.get(i + 2), "line " + (i + 2));
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFileThatBreaksUnderTheWriterThreadLeavesTheHistoryInASpool() throws Exception {
        List<String> warnings = new ArrayList<>();
        try (JournalFile file = JournalFile.open(Path.of("/dev/full"), warnings::add);
             Journal journal = new Journal()) {
            file.attach(journal, "full");
            assertEquals(manyBuffersOfCqes(journal), journal.events());
        }
        assertEquals(1, warnings.size(), String.join("\n", warnings));
    }

    @Test
    void aJournalFileIsTheHistoryOfTheSessionAttachedToIt(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("j.jsonl");
        List<String> warnings = new ArrayList<>();
        try (JournalFile file = JournalFile.open(path, warnings::add)) {
            try (Journal first = new Journal()) {
                first.record(new Event.Note(1, "before the file")); // copied into the file when it attaches
                file.attach(first, "one");
                first.record(new Event.Note(2, "first"));
                assertEquals(List.of("before the file", "first"), first.events().stream().map(e -> ((Event.Note) e).text()).toList());
            }
            try (Journal second = new Journal()) {
                file.attach(second, "two");
                second.record(new Event.Note(3, "second"));
                assertEquals(List.of("second"), second.events().stream().map(e -> ((Event.Note) e).text()).toList());
            }
        }
        List<String> lines = Files.readAllLines(path);
        assertEquals(6, lines.size(), String.join("\n", lines)); // header, session, 2 notes, session, note
        assertTrue(lines.get(3).contains("\"first\""));
        assertEquals(List.of(), warnings);
    }
}
