package dev.ringside.shell.script;

import java.io.PrintWriter;

/**
 * The console output of a script run ({@code ringside run}), gathered and written a buffer at a time instead of
 * one write(2) per line (a loop printed three lines a pass, each its own write). The same bytes, in the same
 * order: written at least every {@link #INTERVAL_MILLIS} ms (a line that blocks, a sleep, a long wait), when the
 * script ends or stops, at exit, and after every line while something else may write the same file (a child the
 * script spawned, an SQE or a sys call of unsafe mode on a foreign fd: {@link ScriptRunner} flushes then).
 */
public final class BufferedConsole implements AutoCloseable {
    /** The longest a line waits in the buffer. */
    public static final long INTERVAL_MILLIS = 50;
    /** How long exit waits for the last write (a reader that stopped reading a pipe must not hang the exit). */
    private static final long EXIT_FLUSH_MILLIS = 1000;

    private final PrintWriter writer;
    private final Thread flusher;
    private final Thread atExit;
    private volatile boolean closed;

    /** Output into {@code out}'s own buffer, without its flush at every println. */
    public BufferedConsole(PrintWriter out) {
        writer = new PrintWriter(out, false);
        flusher = Thread.ofPlatform().daemon().name("ringside-console").unstarted(this::flushEveryInterval);
        atExit = Thread.ofPlatform().unstarted(this::flushAtExit);
        Runtime.getRuntime().addShutdownHook(atExit);
        flusher.start();
    }

    /** What the session prints into. */
    public PrintWriter writer() {
        return writer;
    }

    private void flushEveryInterval() {
        while (!closed) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            writer.flush(); // the writer's own lock orders it with the main thread's prints
        }
    }

    /** SIGTERM or System.exit while the script runs: what it printed still goes out, unless the write hangs. */
    private void flushAtExit() {
        Thread last = Thread.ofPlatform().daemon().name("ringside-console-exit").start(writer::flush);
        try {
            last.join(EXIT_FLUSH_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        // not joined: a flush it may still make takes the writer's lock and writes nothing or what is already due
        flusher.interrupt();
        try {
            Runtime.getRuntime().removeShutdownHook(atExit);
        } catch (IllegalStateException e) {
            // exiting already: the hook writes what is left
        }
        writer.flush();
    }
}
