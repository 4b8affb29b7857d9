package dev.ringside.shell;

import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long session's heap stays flat (issue 12): 20,000 cycles in one session (pipe open/close, and a NOP
 * submitted and reaped on one ring), the journal kept in its anonymous spool as with --no-journal. After a
 * full GC the live heap may grow by at most {@link #BOUND_BYTES} over a baseline taken once the journal's
 * in-memory window is full; fds and mappings are the same before and after; {@code record} still sees
 * the first cycle, which the window no longer holds.
 */
class LongSessionHeapTest {
    static final int CYCLES = 20_000;
    /** 2 MiB over 20,000 cycles: about 100 bytes a cycle, where the in-memory journal kept about 1 KiB. */
    static final long BOUND_BYTES = 2L << 20;

    @Test
    void twentyThousandCyclesKeepTheHeapFdsAndMappingsFlat() throws IOException {
        try (Session session = new Session(new PrintWriter(Writer.nullWriter(), true), Style.detect(false, null))) {
            Dispatcher dispatcher = new Dispatcher(session);
            dispatcher.run("ring create r entries=8");
            for (int i = 0; i < Journal.WINDOW; i++) { // fill the window: its size is part of the baseline
                cycle(dispatcher, i);
            }
            long fdsBefore = ResourceHygieneTest.fds();
            List<String> mapsBefore = ResourceHygieneTest.maps();
            long heapBefore = minimumLiveHeap();
            long start = System.nanoTime();
            for (int i = 0; i < CYCLES; i++) {
                cycle(dispatcher, i);
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            long heapAfter = minimumLiveHeap();
            long fdsAfter = ResourceHygieneTest.fds();
            List<String> mapsAfter = ResourceHygieneTest.maps();
            long grown = heapAfter - heapBefore;
            String figures = String.format("long session: %d cycles (pipe open/close, NOP submit and reap) in %d s: live heap"
                    + " %d KiB -> %d KiB (%+d KiB, %.1f bytes per cycle; bound %d KiB), fds %d -> %d, io_uring mappings %d -> %d",
                    CYCLES, seconds, heapBefore / 1024, heapAfter / 1024, grown / 1024, (double) grown / CYCLES, BOUND_BYTES / 1024,
                    fdsBefore, fdsAfter, mapsBefore.size(), mapsAfter.size());
            System.out.println(figures);
            Path report = Path.of("target", "reliability");
            Files.createDirectories(report);
            Files.writeString(report.resolve("long-session.txt"), figures + "\n");
            assertEquals(fdsBefore, fdsAfter, figures);
            assertEquals(mapsBefore, mapsAfter, figures);
            assertTrue(grown <= BOUND_BYTES, figures);
            List<Event> history = session.journal().events();
            assertTrue(history.stream().filter(e -> e instanceof Event.FdsOpened).count() >= CYCLES + Journal.WINDOW,
                    "the whole history reads back");
        }
    }

    static void cycle(Dispatcher dispatcher, int i) {
        dispatcher.run("pipe p" + i);
        dispatcher.run("close p" + i);
        dispatcher.run("sqe nop user_data=" + (i + 1));
        dispatcher.run("submit wait=1");
    }

    /** The smallest live heap of several full GCs: a collection may leave garbage the next one finds. */
    static long minimumLiveHeap() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            least = Math.min(least, ResourceHygieneTest.liveHeap());
        }
        return least;
    }
}
