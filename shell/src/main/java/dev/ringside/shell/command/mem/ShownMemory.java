package dev.ringside.shell.command.mem;

import dev.ringside.shell.session.Session;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.ring.Completion;
import dev.ringside.tracer.ring.CqHeader;
import dev.ringside.tracer.ring.SqHeader;


/** Journals what {@code mem}, {@code watch} and {@code cqes} showed of a ring's memory, as they showed it. */
final class ShownMemory {
    private ShownMemory() {
    }

    static void sq(Session session, String ring, SqHeader h, String shownBy) {
        session.journal().record(new Event.HeaderShown(session.journal().now(), ring, "sq", shownBy, h.fields()));
    }

    static void cq(Session session, String ring, CqHeader h, String shownBy) {
        session.journal().record(new Event.HeaderShown(session.journal().now(), ring, "cq", shownBy, h.fields()));
    }

    static void cqe(Session session, String ring, Completion c, String shownBy) {
        session.journal().record(new Event.CqeSeen(session.journal().now(), ring, shownBy, c.userData(), c.res(), c.flags()));
    }
}
