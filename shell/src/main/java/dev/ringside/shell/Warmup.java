package dev.ringside.shell;

import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.JournalJson;
import dev.ringside.tracer.sys.Syscalls;

import java.util.List;

/**
 * Start-up work done on two more threads while the main one reads its options and builds the session and its
 * commands: binding the syscall(2) downcall (FFM spins its classes) and making the journal's ObjectMapper with the
 * serializers of the events every ring session records first (Jackson looks at each record by reflection). Each
 * is the same work the first ring or event would do on the main thread; a main thread that gets there first waits
 * for the class being initialized or makes the serializer itself, with the same result.
 */
final class Warmup {
    private Warmup() {
    }

    /** The events of ring create, sqe, submit, expect cqe, mem and ring close, in the order a script records them. */
    private static final List<Class<? extends Event>> FIRST_EVENTS = List.of(Event.Mapped.class,
            Event.RingConfigured.class, Event.RingCreated.class, Event.CommandRan.class, Event.SqeAssigned.class,
            Event.SqeQueued.class, Event.Waited.class, Event.Expected.class, Event.HeaderShown.class,
            Event.Unmapped.class, Event.RingClosed.class);

    /**
     * Starts the work on a daemon thread. A failure there is left to the main thread, which meets it at the same
     * call (a class that failed to initialize: NoClassDefFoundError, caused by the first failure).
     */
    static void start() {
        // two threads: ring create needs both, the downcall first (io_uring_setup) and the mapper right after (mmap's event)
        run("ringside-warmup-ffm", Syscalls::prepare);
        run("ringside-warmup-journal", () -> JournalJson.prepare(FIRST_EVENTS));
    }

    private static void run(String name, Runnable work) {
        Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                // the main thread makes the same call and reports what went wrong, in its own words
            }
        });
    }
}
