package dev.ringside.shell.command.script;

import dev.ringside.shell.syntax.Verb;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.journal.Event;

import java.util.ArrayList;
import java.util.List;

/** {@code sleep 10ms}: let time pass, e.g. for a timeout to fire before the next submit. */
public final class SleepCommand implements Declared {
    /** Waits are bounded: a longer sleep is a typo. */
    static final long MAX_NANOS = 60_000_000_000L;
    /** How soon a sleep notices Ctrl-C. */
    static final long SLICE_NANOS = 50_000_000L;

    private final Session session;

    static final Syntax SYNTAX = Syntax.of("sleep", "Pause for a duration (at most 60s).")
            .with(Positional.required("DURATION", new ValueType.Duration(), "e.g. 10ms, 1.5s"));

    public SleepCommand(Session session) {
        this.session = session;
    }

    private void run(Args args) {
        String duration = args.word(0).orElseThrow();
        long nanos = args.positionalNumber(0).orElseThrow();
        if (nanos < 0 || nanos > MAX_NANOS) {
            throw new ConsoleException("sleep takes 0 to 60s, not " + duration, duration);
        }
        // journaled, so that a reproducer lets the same time pass (a timeout fires before the next step)
        session.journal().record(new Event.Slept(session.journal().now(), nanos));
        // in slices, so Ctrl-C (the session's cancel flag) ends it within SLICE_NANOS
        session.resetCancel();
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            if (session.cancelled()) {
                throw new ConsoleException("sleep interrupted with " + Values.formatDurationNanos(Math.max(0, left)) + " left");
            }
            long slice = Math.min(left, SLICE_NANOS);
            try {
                Thread.sleep(slice / 1_000_000L, (int) (slice % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConsoleException("sleep interrupted");
            }
        }
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }
}
