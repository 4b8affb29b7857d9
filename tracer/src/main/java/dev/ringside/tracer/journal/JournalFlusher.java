package dev.ringside.tracer.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The bound on how long a journal line waits in its buffer: one daemon thread writes every open journal's
 * buffered lines each {@link #INTERVAL_MILLIS} ms, and a shutdown hook writes them at exit, SIGTERM and
 * Ctrl-C (bounded: a journal whose lock is held at exit is given up after a second). Journals are held
 * weakly, so one never closed is still collected.
 */
final class JournalFlusher {
    /** At most this long between an event and its write(2) while the session runs ({@code -Dringside.journal.flush-ms}). */
    static final long INTERVAL_MILLIS = Math.max(1, Long.getLong("ringside.journal.flush-ms", 50));
    private static final Map<Journal, Boolean> OPEN = Collections.synchronizedMap(new WeakHashMap<>());
    private static boolean started;

    private JournalFlusher() {
    }

    static synchronized void register(Journal journal) {
        OPEN.put(journal, Boolean.TRUE);
        if (!started) {
            started = true;
            Thread ticker = Thread.ofPlatform().daemon().name("ringside-journal-flush").unstarted(JournalFlusher::tick);
            ticker.start();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(JournalFlusher::atExit));
        }
    }

    static void unregister(Journal journal) {
        OPEN.remove(journal);
    }

    private static List<Journal> open() {
        synchronized (OPEN) {
            return new ArrayList<>(OPEN.keySet());
        }
    }

    private static void tick() {
        while (true) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            open().forEach(Journal::flush);
        }
    }

    private static void atExit() {
        Thread last = Thread.ofPlatform().daemon().unstarted(() -> open().forEach(Journal::flush));
        last.start();
        try {
            last.join(1000);
        } catch (InterruptedException e) {
            // exiting anyway
        }
    }
}
