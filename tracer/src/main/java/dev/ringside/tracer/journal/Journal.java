package dev.ringside.tracer.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The ordered record of a session's events; listeners (display, file writers) see each as it happens. */
public final class Journal {
    private final long start = System.nanoTime();
    private final List<Event> events = new ArrayList<>();
    private final List<Consumer<Event>> listeners = new ArrayList<>();

    public long now() {
        return System.nanoTime() - start;
    }

    public void record(Event event) {
        events.add(event);
        listeners.forEach(l -> l.accept(event));
    }

    public void listen(Consumer<Event> listener) {
        listeners.add(listener);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }
}
