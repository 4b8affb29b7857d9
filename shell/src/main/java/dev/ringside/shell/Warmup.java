package dev.ringside.shell;

import dev.ringside.tracer.sys.Syscalls;

/**
 * Start-up work done on another thread while the main one reads its options and builds the session and its
 * commands: binding the syscall(2) downcall (FFM spins its classes), the same work the first ring would do on the
 * main thread; a main thread that gets there first waits for the class being initialized, with the same result.
 * (The journal needs no warm-up: every event's line is written by hand, no ObjectMapper is made.)
 */
final class Warmup {
    private Warmup() {
    }

    /**
     * Starts the work on a daemon thread. A failure there is left to the main thread, which meets it at the same
     * call (a class that failed to initialize: NoClassDefFoundError, caused by the first failure).
     */
    static void start() {
        run("ringside-warmup-ffm", Syscalls::prepare);
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
