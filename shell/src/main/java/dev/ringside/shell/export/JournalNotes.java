package dev.ringside.shell.export;

import dev.ringside.shell.session.Session;
import dev.ringside.tracer.journal.Event;

import java.util.OptionalLong;

/** The journal entries that reproducers need, recorded from the places that know them (one call each). */
public final class JournalNotes {
    private JournalNotes() {
    }

    /** A console line ran to its end, or stopped on an error or a failed expectation. */
    public static void commandRan(Session session, String line, boolean succeeded) {
        session.journal().record(new Event.CommandRan(session.journal().now(), line, succeeded));
    }

    /** An {@code expect cqe} check with its filters (null: any) and whether it held. */
    public static void expected(Session session, Long userData, Long res, Long flags, long timeoutNanos, boolean met) {
        session.journal().record(new Event.Expected(session.journal().now(), session.currentName().orElse(""),
                optional(userData), optional(res), optional(flags), timeoutNanos, met));
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
