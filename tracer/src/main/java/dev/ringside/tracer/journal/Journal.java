package dev.ringside.tracer.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ordered record of a session's events; listeners (display, file writers) see each as it happens,
 * before {@link #record} returns. Thread-safe: the kernel's trace reader records from its own thread.
 */
public final class Journal {
    private final long start = System.nanoTime();
    private final List<Event> events = new ArrayList<>();
    private final List<Consumer<Event>> listeners = new ArrayList<>();
    private final List<Source> sources = new ArrayList<>();
    private boolean catchingUp;

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
        events.add(event);
        listeners.forEach(l -> l.accept(event));
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

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The last {@code count} events (all, when there are fewer): what a display of the latest requests needs. */
    public synchronized List<Event> recent(int count) {
        return List.copyOf(events.subList(Math.max(0, events.size() - count), events.size()));
    }
}
