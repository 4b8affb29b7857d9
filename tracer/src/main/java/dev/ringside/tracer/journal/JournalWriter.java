package dev.ringside.tracer.journal;

/**
 * Writes a journal's full buffers (64 KiB) on a thread of its own, so the thread recording events does not do the
 * write(2), the kernel's copy into the page cache, itself (the bench's journal-on loop spent a third of its time
 * there). One buffer in flight at a time; {@link #await} waits for it, and {@link Journal} awaits it before
 * every other write and at every flush point, so the lines reach the store in order and a flush point still
 * means "written". The thread takes no lock but this object's (never the journal's, which the awaiting thread
 * holds); it ends after a second idle or at {@link #close}, and is started again by the next {@link #hand}.
 */
final class JournalWriter {
    private static final long IDLE_MILLIS = 1000;
    /**
     * After a write the thread watches for the next buffer this long, yielding its CPU, before it sleeps: a busy loop
     * hands one over every ~100 us, and waking a sleeping thread (a futex wake, an IPI to its CPU) cost the recording
     * thread 4% of the journaled NOP bench's samples. A spin that does not yield took the recording thread's CPU when
     * the two shared one: batch p99 330 us against 100 us, and a fifth fewer ops/s on a busy machine.
     */
    private static final long SPIN_NANOS = 200_000;

    /** The write in flight: null when there is none. */
    private JournalStore store;
    private volatile LineBuffer lines;
    /** Whether the last write went in; false until {@link #await} has reported it. */
    private boolean lastWritten = true;
    private Thread thread;
    private boolean closed;

    /** Starts writing {@code lines} to {@code store}; the caller has {@link #await}ed the previous write and leaves {@code lines} alone until the next. */
    synchronized void hand(JournalStore store, LineBuffer lines) {
        if (this.lines != null) {
            throw new IllegalStateException("a journal write is in flight already");
        }
        this.store = store;
        this.lines = lines;
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("ringside-journal-write").start(this::run);
        }
        notifyAll();
    }

    /** Waits until no write is in flight; false when the last one did not go in (the store said so). */
    synchronized boolean await() {
        boolean interrupted = false;
        while (lines != null) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // the lines are written whatever: wait on, and keep the interrupt for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        boolean written = lastWritten;
        lastWritten = true;
        return written;
    }

    /** Ends the thread once nothing is in flight; a later {@link #hand} starts another. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void run() {
        while (true) {
            JournalStore to;
            LineBuffer from;
            synchronized (this) {
                if (lines == null) {
                    try {
                        wait(closed ? 1 : IDLE_MILLIS);
                    } catch (InterruptedException e) {
                        // nobody interrupts this thread but the JVM going down: end as when idle
                    }
                }
                if (lines == null) { // idle (or closed): end; hand() starts a thread again when needed
                    thread = null;
                    closed = false;
                    return;
                }
                to = store;
                from = lines;
            }
            boolean written;
            try {
                written = to.append(from.bytes(), 0, from.size());
            } catch (RuntimeException e) {
                written = false; // reported as a store that broke: the journal goes on in a spool
            }
            synchronized (this) {
                lastWritten = written;
                store = null;
                lines = null;
                notifyAll();
            }
            long until = System.nanoTime() + SPIN_NANOS;
            while (lines == null && System.nanoTime() - until < 0) {
                Thread.yield(); // not a busy spin: on a CPU shared with the recording thread, that one runs first
            }
        }
    }
}
