package dev.ringside.shell.command;

import dev.ringside.shell.session.Session;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.ring.Completion;
import dev.ringside.tracer.ring.CqHeader;
import dev.ringside.tracer.ring.SqHeader;

import java.util.LinkedHashMap;
import java.util.Map;

/** Journals what {@code mem}, {@code watch} and {@code cqes} showed of a ring's memory, as they showed it. */
final class ShownMemory {
    private ShownMemory() {
    }

    static void sq(Session session, String ring, SqHeader h, String shownBy) {
        Map<String, Long> fields = new LinkedHashMap<>();
        fields.put("head", Integer.toUnsignedLong(h.head()));
        fields.put("tail", Integer.toUnsignedLong(h.tail()));
        fields.put("ring_mask", Integer.toUnsignedLong(h.ringMask()));
        fields.put("ring_entries", Integer.toUnsignedLong(h.ringEntries()));
        fields.put("flags", Integer.toUnsignedLong(h.flags()));
        fields.put("dropped", Integer.toUnsignedLong(h.dropped()));
        session.journal().record(new Event.HeaderShown(session.journal().now(), ring, "sq", shownBy, fields));
    }

    static void cq(Session session, String ring, CqHeader h, String shownBy) {
        Map<String, Long> fields = new LinkedHashMap<>();
        fields.put("head", Integer.toUnsignedLong(h.head()));
        fields.put("tail", Integer.toUnsignedLong(h.tail()));
        fields.put("ring_mask", Integer.toUnsignedLong(h.ringMask()));
        fields.put("ring_entries", Integer.toUnsignedLong(h.ringEntries()));
        fields.put("overflow", Integer.toUnsignedLong(h.overflow()));
        fields.put("flags", Integer.toUnsignedLong(h.flags()));
        session.journal().record(new Event.HeaderShown(session.journal().now(), ring, "cq", shownBy, fields));
    }

    static void cqe(Session session, String ring, Completion c, String shownBy) {
        session.journal().record(new Event.CqeSeen(session.journal().now(), ring, shownBy, c.userData(), c.res(), c.flags()));
    }
}
