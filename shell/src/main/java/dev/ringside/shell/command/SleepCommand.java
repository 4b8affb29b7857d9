package dev.ringside.shell.command;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.journal.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code sleep 10ms}: let time pass, e.g. for a timeout to fire before the next submit. */
@Command(name = "sleep", description = "Pause for a duration: sleep 10ms, sleep 1.5s (at most 60s).")
public final class SleepCommand implements Runnable, Declared {
    /** Waits are bounded: a longer sleep is a typo. */
    static final long MAX_NANOS = 60_000_000_000L;

    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "DURATION")
    List<String> words;

    static final Syntax SYNTAX = Syntax.of("sleep", "Pause for a duration (at most 60s).")
            .with(Positional.required("DURATION", new ValueType.Duration(), "e.g. 10ms, 1.5s"));

    public SleepCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        Args args = SYNTAX.parse(words, session);
        String duration = args.word(0).orElseThrow();
        long nanos = args.positionalNumber(0).orElseThrow();
        if (nanos > MAX_NANOS) {
            throw new ConsoleException("sleep takes 0 to 60s, not " + duration, duration);
        }
        // journaled, so that a reproducer lets the same time pass (a timeout fires before the next step)
        session.journal().record(new Event.Slept(session.journal().now(), nanos));
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleException("sleep interrupted");
        }
    }

    @Override
    public List<Syntax> syntaxes() {
        return List.of(SYNTAX);
    }
}
