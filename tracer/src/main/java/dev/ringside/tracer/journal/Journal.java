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

    public long now() {
        return System.nanoTime() - start;
    }

    /** Where {@link Event#at()} counts from: System.nanoTime(), which is CLOCK_MONOTONIC on Linux. */
    public long startNanos() {
        return start;
    }

    public synchronized void record(Event event) {
        events.add(event);
        listeners.forEach(l -> l.accept(event));
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
}
