package dev.ringside.shell.script;

import dev.ringside.shell.session.Session;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) during {@code ringside run}: the first stops the script running (its wait ends
 * at the next 200 ms slice, its sleep at the next 50 ms one) and the batch goes on to the closing
 * line, that script counted as failed and named as interrupted; a second one quits at once (130).
 * A SIGINT between two scripts stays pending until a script consumes it: the next one stops at its
 * first line, or the run says so after the last.
 */
public final class RunInterrupts {
    /** The shell's exit status for a run ended by SIGINT (128 + 2). */
    public static final int QUIT_STATUS = 130;
    /** How often the script's session is cancelled again until it stops: a wait starting after the signal resets the flag. */
    private static final long RECANCEL_MILLIS = 50;

    private final PrintWriter out;
    private final AtomicInteger signals = new AtomicInteger();
    private volatile Session running;
    private volatile boolean stopRequested;

    private RunInterrupts(PrintWriter out) {
        this.out = out;
    }

    /** Handles SIGINT for this run from now on; when the JVM refuses (-Xrs), SIGINT keeps its default and ends the JVM. */
    public static RunInterrupts install(PrintWriter out) {
        RunInterrupts interrupts = new RunInterrupts(out);
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> interrupts.interrupted());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            out.println("ringside: Ctrl-C cannot be caught here (" + e.getMessage() + "): it ends the run without a closing line");
        }
        return interrupts;
    }

    /** A handler that never fires: for a run without signals (tests calling the runner directly). */
    public static RunInterrupts none() {
        return new RunInterrupts(new PrintWriter(PrintWriter.nullWriter()));
    }

    /**
     * The script about to run in {@code session}; a SIGINT from now on stops it, and so does one that came
     * while it was being set up (a session opening, tracing starting): the request is kept until {@link #end}.
     */
    public void begin(Session session) {
        running = session;
    }

    /**
     * The script ended with {@code exitCode}; only an interrupted script consumed the SIGINT, so one that came
     * after its last line, or between scripts, stops the next script.
     */
    public void end(int exitCode) {
        running = null;
        if (exitCode == ScriptRunner.INTERRUPTED) {
            stopRequested = false;
        }
    }

    /** Whether the script running was asked to stop. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** What the signal thread does on SIGINT; package-private so the state machine can be tested without a signal. */
    void interrupted() {
        if (signals.incrementAndGet() > 1) {
            Session printing = running;
            if (printing != null) {
                printing.out().flush(); // a buffered console's lines before this one
            }
            out.println("ringside: interrupted again: quitting");
            out.flush();
            System.exit(QUIT_STATUS);
        }
        stopRequested = true;
        Session session = running;
        if (session == null) {
            return;
        }
        Thread.ofPlatform().daemon().name("ringside-interrupt").start(() -> {
            // the flag, not a thread interrupt: the main thread owns the rings and stops at its next slice
            while (running == session && stopRequested) {
                session.cancel();
                try {
                    Thread.sleep(RECANCEL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }
}
