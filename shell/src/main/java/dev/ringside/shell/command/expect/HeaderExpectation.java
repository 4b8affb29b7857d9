package dev.ringside.shell.command.expect;

import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.ring.HeaderFields;

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
    private static final List<String> SQ_FIELDS = HeaderFields.SQ;
    private static final List<String> CQ_FIELDS = HeaderFields.CQ;
    /** Between two reads of the header while waiting for the kernel to move it. */
    private static final long POLL_NANOS = 1_000_000L;

    private final Session session;
    private final String which;
    private final Map<String, Comparison> wanted = new LinkedHashMap<>();
    private String ringName;
    private long timeout = Session.DEFAULT_WAIT_NANOS;

    /** expect sq / expect cq: a header field each, read live, and where and how long to poll. */
    static final Syntax SQ = header("sq", SQ_FIELDS, FlagSets.SQ_RING,
            "Check the SQ ring header, read live, polling until every field matches: an SQPOLL thread moves head by itself.");
    static final Syntax CQ = header("cq", CQ_FIELDS, FlagSets.CQ_RING,
            "Check the CQ ring header, read live, polling until every field matches.");

    private static Syntax header(String which, List<String> fields, FlagSet flagSet, String summary) {
        List<Option> options = new ArrayList<>();
        for (String f : fields) {
            options.add(f.equals("flags")
                    ? Option.of(f, new ValueType.Flags(flagSet.name()), "the " + which + " ring's flags (" + flagSet.prefix() + "*)").comparable()
                    : Option.of(f, ValueType.Number.ANY, "the " + which + " ring's " + f).comparable());
        }
        options.add(ExpectCommand.TIMEOUT);
        options.add(ExpectCommand.RING);
        return Syntax.of("expect " + which, summary).with(options).withJson();
    }

    HeaderExpectation(Session session, String which, Args args) {
        this.session = session;
        this.which = which;
        List<String> fields = which.equals("sq") ? SQ_FIELDS : CQ_FIELDS;
        ringName = args.optionalText("ring").orElse(null);
        timeout = args.number("timeout");
        for (String f : args.optionWords().keySet()) { // in the order typed, as the ok line repeats them
            if (fields.contains(f)) {
                wanted.put(f, args.comparison(f).orElseThrow());
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
                journal(rs, false);
                throw new ExpectationFailed(describeWanted(rs), describe(rs, pick(actual)));
            }
            LockSupport.parkNanos(POLL_NANOS);
            actual = read(rs);
        }
        journal(rs, true);
        ExpectCommand.met(session, describeWanted(rs));
    }

    private boolean matches(Map<String, Long> actual) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().test(actual.get(e.getKey())));
    }

    /** Plain FIELD=VALUE checks keep their event (and C); comparisons have their own. */
    private void journal(RingSession rs, boolean met) {
        if (wanted.values().stream().allMatch(Comparison::plain)) {
            Map<String, Long> values = new LinkedHashMap<>();
            wanted.forEach((k, c) -> values.put(k, c.values().getFirst()));
            JournalWrites.expectedHeader(session, rs.name(), which, values, timeout, met);
        } else {
            session.journal().record(new dev.ringside.tracer.journal.Event.ExpectedHeaderCheck(session.journal().now(), rs.name(), which,
                    wanted.values().stream().map(Comparison::toEvent).toList(), timeout, met));
        }
    }

    /** {@code cq tail=2}, or with comparisons as typed ({@code cq tail>=2 flags&CQ_OVERFLOW=0}). */
    private String describeWanted(RingSession rs) {
        if (wanted.values().stream().allMatch(Comparison::plain)) {
            Map<String, Long> values = new LinkedHashMap<>();
            wanted.forEach((k, c) -> values.put(k, c.values().getFirst()));
            return describe(rs, values);
        }
        return which + (ringName == null ? "" : " ring=" + rs.name()) + " "
                + String.join(" ", wanted.values().stream().map(Comparison::describe).toList());
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
        return which.equals("sq") ? rs.ring().sqHeader().fields() : rs.ring().cqHeader().fields();
    }
}
