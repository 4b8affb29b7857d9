package dev.ringside.tracer.journal;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ordered record of a session's events; listeners (display) see each as it happens, before
 * {@link #record} returns. Each event is one JSON line of the journal's store (the session's journal file,
 * else an anonymous spool); the lines are gathered in a buffer and written in one write(2) at each flush
 * point: before a blocking wait ({@link #flush}, which the ring calls before an io_uring_enter that waits),
 * after each console line ({@code command_ran}) and {@code sleep}, every 64 KiB (that one by a writer thread,
 * {@link JournalWriter}, while recording goes on in a second buffer; the next flush point waits for it), at most
 * {@link JournalFlusher#INTERVAL_MILLIS} ms after an event, at close and at exit. So a SIGKILL loses at most
 * the events of the last of those intervals, never an event before a wait the kernel hangs in
 * (docs/reliability.md). Only the last {@link #WINDOW} events stay in memory, so a long session's heap
 * stays flat; {@link #events()} reads the whole history back.
 * Thread-safe: the kernel's trace reader records from its own thread.
 */
public final class Journal implements AutoCloseable {
    /** How many of the latest events stay in memory ({@link #recent}): what a display of the latest requests reads. */
    public static final int WINDOW = 4096;

    private final long start = System.nanoTime();
    private final RecentEvents window = new RecentEvents(WINDOW);
    /** The lines being recorded; at 64 KiB handed to {@link #writer} and swapped with {@link #spare}. */
    private LineBuffer buffered = new LineBuffer();
    /** The other buffer: written by the writer thread while {@link #inFlight}, else empty, or null until first needed. */
    private LineBuffer spare;
    private LineBuffer inFlight;
    /** Writes an event's line into {@link #buffered}, whichever buffer that is now. */
    private final JsonLine line = new JsonLine(buffered);
    private final JournalWriter writer = new JournalWriter();
    private final Vocabulary vocabulary = new Vocabulary();
    private final List<Consumer<Event>> listeners = new ArrayList<>();
    private final List<Source> sources = new ArrayList<>();
    /** The whole history; null until the first event or {@link #attach}. */
    private JournalStore store;
    private boolean catchingUp;
    private boolean closed;

    /**
     * Events that happened elsewhere and are learnt late (the kernel's trace buffer): before an event is
     * recorded, each source records its own events up to that event's time, so the journal stays in time order.
     * Called with the journal's lock held; a source records through {@link #record} and takes its own locks after this one.
     */
    public interface Source {
        /** Record what happened up to {@code upTo} (ns on this journal's clock); {@code next} is the event about to be recorded, or null. */
        void catchUp(long upTo, Event next);
    }

    public Journal() {
        JournalFlusher.register(this);
    }

    public long now() {
        return System.nanoTime() - start;
    }

    /** Where {@link Event#at()} counts from: System.nanoTime(), which is CLOCK_MONOTONIC on Linux. */
    public long startNanos() {
        return start;
    }

    public synchronized void record(Event event) {
        catchUp(event.at(), event);
        if (!closed) {
            if (event instanceof Event.SqeAssigned sqe) {
                vocabulary.learn(sqe);
            }
            event.writeLine(line.into(buffered));
            // a console line ended or a sleep begins: the next may be a wait for input, or a hang. An anonymous spool
            // outlives neither: after the first line made it (when it always was: its fds are numbered as before),
            // its lines are written when full and before they are read back
            if ((event instanceof Event.CommandRan || event instanceof Event.Slept) && !(store instanceof SpoolFile)) {
                flush();
            } else {
                flushWhenFull();
            }
        }
        window.add(event);
        for (Consumer<Event> listener : listeners) {
            listener.accept(event);
        }
    }

    /** Whether an event recorded now goes straight to the buffer: nobody listens, no source has events to record first. */
    private boolean direct() {
        return listeners.isEmpty() && sources.isEmpty();
    }

    /** {@link Event.CqeReaped}, recorded without making the record when nobody needs it: a ring's per-operation path. */
    public synchronized void recordCqeReaped(long at, String ring, long userData, int res, int flags) {
        if (!direct()) {
            record(new Event.CqeReaped(at, ring, userData, res, flags));
            return;
        }
        if (!closed) {
            HotLines.cqeReaped(buffered, at, ring, userData, res, flags);
            flushWhenFull();
        }
        window.addCqeReaped(at, ring, userData, res, flags);
    }

    /**
     * The CQEs of one reap of {@code ring}, all reaped at {@code at}: entries {@code 0..count-1} of the arrays, each
     * journaled as {@link #recordCqeReaped} journals it, under one lock and with the lines' common start made once.
     */
    public synchronized void recordCqesReaped(long at, String ring, long[] userData, int[] res, int[] flags, int count) {
        java.util.Objects.checkFromIndexSize(0, count, Math.min(userData.length, Math.min(res.length, flags.length)));
        if (!direct()) {
            for (int i = 0; i < count; i++) {
                record(new Event.CqeReaped(at, ring, userData[i], res[i], flags[i]));
            }
            return;
        }
        if (!closed) {
            for (int i = 0; i < count; ) { // the lines up to a full buffer in one loop, then its hand-over
                i = HotLines.cqesReaped(buffered, at, ring, userData, res, flags, i, count);
                flushWhenFull();
            }
        }
        window.addCqesReaped(at, ring, userData, res, flags, count); // nothing reads the window in between: the same slots
    }

    /** {@link Event.Submitted}, as {@link #recordCqeReaped}. */
    public synchronized void recordSubmitted(long at, String ring, int pending, long submitted) {
        if (!direct()) {
            record(new Event.Submitted(at, ring, pending, submitted));
            return;
        }
        if (!closed) {
            HotLines.submitted(buffered, at, ring, pending, submitted);
            flushWhenFull();
        }
        window.addSubmitted(at, ring, pending, submitted);
    }

    /** {@link Event.Entered}, as {@link #recordCqeReaped}. */
    public synchronized void recordEntered(long at, String ring, Event.EnterReason reason, int toSubmit, int minComplete,
                                           int flags, long timeoutNanos, long result, long nanos) {
        if (!direct()) {
            record(new Event.Entered(at, ring, reason, toSubmit, minComplete, flags, timeoutNanos, result, nanos));
            return;
        }
        if (!closed) {
            HotLines.entered(buffered, at, ring, reason, toSubmit, minComplete, flags, timeoutNanos, result, nanos);
            flushWhenFull();
        }
        window.addEntered(at, ring, reason, toSubmit, minComplete, flags, timeoutNanos, result, nanos);
    }

    /** At 64 KiB the lines go to the writer thread, and recording goes on in the other buffer. */
    private void flushWhenFull() {
        if (buffered.size() >= LineBuffer.FLUSH_BYTES) {
            settle();
            writer.hand(store(), buffered);
            inFlight = buffered;
            buffered = spare != null ? spare : new LineBuffer();
            spare = null;
        }
    }

    /** Waits for the writer thread's write, if one is in flight; a store that broke there goes on in a spool, those lines first. */
    private void settle() {
        if (inFlight == null) {
            return;
        }
        if (!writer.await()) {
            spoolFrom(store); // the journal file broke (it said so): the history goes on in a spool
            store.append(inFlight.bytes(), 0, inFlight.size());
        }
        inFlight.clear();
        spare = inFlight;
        inFlight = null;
    }

    /**
     * Writes the buffered lines to the store in one write(2), after the writer thread's write in flight: called
     * before anything that may block (a waiting io_uring_enter, a read of the next input line) and by the
     * flusher thread. When it returns, every line recorded so far is in the store.
     */
    public synchronized void flush() {
        settle();
        if (buffered.size() == 0 || closed && store == null) {
            buffered.clear();
            return;
        }
        if (!store().append(buffered.bytes(), 0, buffered.size())) {
            spoolFrom(store); // the journal file broke (it said so): the history goes on in a spool
            store.append(buffered.bytes(), 0, buffered.size());
        }
        buffered.clear();
    }

    private JournalStore store() {
        if (store == null) {
            store = SpoolFile.create();
        }
        return store;
    }

    /** Makes {@code next} the history from now on, with the lines recorded before it copied over. */
    synchronized void attach(JournalStore next) {
        flush();
        JournalStore previous = store;
        store = next;
        if (previous != null) {
            copy(previous, next);
        }
    }

    private void spoolFrom(JournalStore broken) {
        store = SpoolFile.create();
        copy(broken, store);
    }

    private static void copy(JournalStore from, JournalStore to) {
        try (InputStream lines = from.read()) {
            byte[] chunk = new byte[LineBuffer.FLUSH_BYTES];
            for (int n = lines.read(chunk); n >= 0; n = lines.read(chunk)) {
                to.append(chunk, 0, n);
            }
        } catch (IOException e) {
            // what cannot be read back of the old store is lost to record/export, not to the file it was in
        }
        from.close();
    }

    private static BufferedReader reader(JournalStore store) throws IOException {
        return new BufferedReader(new InputStreamReader(store.read(), StandardCharsets.UTF_8));
    }

    /** Lets the sources record everything up to {@code upTo} now (a reader thread's tick, a session's end). */
    public synchronized void catchUp(long upTo) {
        catchUp(upTo, null);
    }

    private void catchUp(long upTo, Event next) {
        if (catchingUp || sources.isEmpty()) {
            return;
        }
        catchingUp = true;
        try {
            for (Source source : List.copyOf(sources)) {
                source.catchUp(upTo, next);
            }
        } finally {
            catchingUp = false;
        }
    }

    public synchronized void addSource(Source source) {
        sources.add(source);
    }

    public synchronized void removeSource(Source source) {
        sources.remove(source);
    }

    public synchronized void listen(Consumer<Event> listener) {
        listeners.add(listener);
    }

    public synchronized void unlisten(Consumer<Event> listener) {
        listeners.remove(listener);
    }

    /**
     * Every line of this journal's history, read back from its store in order, each handed to {@code line}
     * as it is read (nothing of the history is held here). After {@link #close}, only the window.
     */
    public synchronized void replay(Consumer<JsonNode> line) {
        flush();
        if (closed || store == null) {
            window.last(WINDOW).forEach(e -> line.accept(JournalJson.toJson(e)));
            return;
        }
        try (BufferedReader lines = reader(store)) {
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                JsonNode json = JournalJson.historyLine(text);
                String type = json.path("type").asText("");
                if (type.equals(JournalJson.SESSION_TYPE) || type.equals(JournalJson.HEADER_TYPE)) {
                    return; // another session's lines follow in the same file
                }
                line.accept(json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the journal's history could not be read back: " + e.getMessage(), e);
        }
    }

    /** The whole history as events, read back from the store: for the consumers that need all of it at once (record, export c). */
    public synchronized List<Event> events() {
        List<Event> events = new ArrayList<>();
        replay(json -> events.add(JournalJson.fromJson(json, vocabulary)));
        return events;
    }

    /** The last {@code count} events (all, when there are fewer, at most {@link #WINDOW}): what a display of the latest requests needs. */
    public synchronized List<Event> recent(int count) {
        return window.last(count);
    }

    /** Closes the store (an anonymous spool is gone with it); events recorded after this stay only in the window. */
    @Override
    public synchronized void close() {
        if (!closed) {
            flush();
            closed = true;
            writer.close();
            JournalFlusher.unregister(this);
            if (store != null) {
                store.close();
            }
        }
    }
}
