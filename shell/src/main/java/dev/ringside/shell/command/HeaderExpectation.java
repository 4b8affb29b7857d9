package dev.ringside.shell.command;

import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.export.JournalNotes;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.ring.CqHeader;
import dev.ringside.tracer.ring.SqHeader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code expect sq head=2} / {@code expect cq overflow=0 tail=4}: ring header fields read live from
 * the shared memory, polled until they all match or the timeout passes.
 */
final class HeaderExpectation {
    private static final List<String> SQ_FIELDS = List.of("head", "tail", "ring_mask", "ring_entries", "flags", "dropped");
    private static final List<String> CQ_FIELDS = List.of("head", "tail", "ring_mask", "ring_entries", "overflow", "flags");
    /** Between two reads of the header while waiting for the kernel to move it. */
    private static final long POLL_NANOS = 1_000_000L;

    private final Session session;
    private final String which;
    private final Map<String, Long> wanted = new LinkedHashMap<>();
    private String ringName;
    private long timeout = Session.DEFAULT_WAIT_NANOS;

    HeaderExpectation(Session session, String which, List<String> words) {
        this.session = session;
        this.which = which;
        List<String> fields = which.equals("sq") ? SQ_FIELDS : CQ_FIELDS;
        FlagSet flagSet = which.equals("sq") ? FlagSets.SQ_RING : FlagSets.CQ_RING;
        for (Assignment a : Assignment.parseAll(words)) {
            try {
                switch (a.name()) {
                    case "ring" -> ringName = a.value();
                    case "timeout" -> timeout = Values.parseDurationNanos(a.value());
                    case "flags" -> wanted.put("flags", flagSet.parse(a.value()));
                    default -> {
                        if (!fields.contains(a.name())) {
                            throw a.error("the " + which + " ring header has no '" + a.name() + "'; fields: "
                                    + String.join(", ", fields) + " (and ring=NAME, timeout=D)");
                        }
                        wanted.put(a.name(), Values.parseLong(a.value()));
                    }
                }
            } catch (ValueException e) {
                throw a.error(e.getMessage());
            }
        }
        if (wanted.isEmpty()) {
            throw new ConsoleException("expect " + which + " needs at least one of: " + String.join(", ", fields));
        }
    }

    void check() {
        RingSession rs = ringName == null ? session.currentRing() : session.ring(ringName);
        long deadline = System.nanoTime() + timeout;
        Map<String, Long> actual = read(rs);
        while (!matches(actual)) {
            if (deadline - System.nanoTime() <= 0) {
                JournalNotes.expectedHeader(session, rs.name(), which, wanted, timeout, false);
                throw new ExpectationFailed(describe(rs, wanted), describe(rs, pick(actual)));
            }
            LockSupport.parkNanos(POLL_NANOS);
            actual = read(rs);
        }
        JournalNotes.expectedHeader(session, rs.name(), which, wanted, timeout, true);
        ExpectCommand.met(session, describe(rs, wanted));
    }

    private boolean matches(Map<String, Long> actual) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().longValue() == actual.get(e.getKey()));
    }

    private Map<String, Long> pick(Map<String, Long> actual) {
        Map<String, Long> out = new LinkedHashMap<>();
        wanted.keySet().forEach(k -> out.put(k, actual.get(k)));
        return out;
    }

    private String describe(RingSession rs, Map<String, Long> values) {
        List<String> parts = new ArrayList<>();
        FlagSet flagSet = which.equals("sq") ? FlagSets.SQ_RING : FlagSets.CQ_RING;
        values.forEach((k, v) -> parts.add(k + "=" + (k.equals("flags") ? flagSet.format(v) : Long.toUnsignedString(v))));
        return which + (ringName == null ? "" : " ring=" + rs.name()) + " " + String.join(" ", parts);
    }

    private Map<String, Long> read(RingSession rs) {
        Map<String, Long> m = new LinkedHashMap<>();
        if (which.equals("sq")) {
            SqHeader h = rs.ring().sqHeader();
            m.put("head", u(h.head()));
            m.put("tail", u(h.tail()));
            m.put("ring_mask", u(h.ringMask()));
            m.put("ring_entries", u(h.ringEntries()));
            m.put("flags", u(h.flags()));
            m.put("dropped", u(h.dropped()));
        } else {
            CqHeader h = rs.ring().cqHeader();
            m.put("head", u(h.head()));
            m.put("tail", u(h.tail()));
            m.put("ring_mask", u(h.ringMask()));
            m.put("ring_entries", u(h.ringEntries()));
            m.put("overflow", u(h.overflow()));
            m.put("flags", u(h.flags()));
        }
        return m;
    }

    private static long u(int value) {
        return Integer.toUnsignedLong(value);
    }
}
