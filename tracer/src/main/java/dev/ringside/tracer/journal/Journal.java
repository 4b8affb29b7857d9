package dev.ringside.tracer.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ordered record of a session's events; listeners (display) see each as it happens, before
 * {@link #record} returns. Each event is written as one JSON line to the journal's store (the session's
 * journal file, else an anonymous spool) before {@code record} returns, and only the last {@link #WINDOW}
 * stay in memory, so a long session's heap stays flat; {@link #events()} reads the whole history back.
 * Thread-safe: the kernel's trace reader records from its own thread.
 */
public final class Journal implements AutoCloseable {
    /** How many of the latest events stay in memory ({@link #recent}): what a display of the latest requests reads. */
    public static final int WINDOW = 4096;

    private final long start = System.nanoTime();
    private final ArrayDeque<Event> window = new ArrayDeque<>();
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
            String line = JournalJson.toLine(event);
            if (!store().append(line)) {
                spoolFrom(store); // the journal file broke (it said so): the history goes on in a spool
                store.append(line);
            }
        }
        window.addLast(event);
        if (window.size() > WINDOW) {
            window.removeFirst();
        }
        for (Consumer<Event> listener : listeners) {
            listener.accept(event);
        }
    }

    private JournalStore store() {
        if (store == null) {
            store = SpoolFile.create();
        }
        return store;
    }

    /** Makes {@code next} the history from now on, with the lines recorded before it copied over. */
    synchronized void attach(JournalStore next) {
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
        try (BufferedReader lines = reader(from)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                to.append(line);
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
        if (closed || store == null) {
            window.forEach(e -> line.accept(JournalJson.toJson(e)));
            return;
        }
        try (BufferedReader lines = reader(store)) {
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                JsonNode json;
                try {
                    json = JournalJson.mapper().readTree(text);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("the journal's history has a line that is not JSON: " + e.getOriginalMessage());
                }
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
        List<Event> all = List.copyOf(window);
        return all.subList(Math.max(0, all.size() - count), all.size());
    }

    /** Closes the store (an anonymous spool is gone with it); events recorded after this stay only in the window. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (store != null) {
                store.close();
            }
        }
    }
}
