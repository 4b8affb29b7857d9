package dev.ringside.shell.command.expect;

import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.codec.CqeFlagsWanted;
import dev.ringside.decoders.flags.CqeFlag;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.session.UserDataText;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.session.RequestLedger;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.ring.Completion;
import dev.ringside.tracer.journal.Event;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** {@code expect cqe user_data=2 res=-ETIME}: checks the kernel's answer; in a script a mismatch fails the run. */
public final class ExpectCommand implements Declared {
    private final Session session;

    static final Option RING = Option.of("ring", ValueType.Name.RING, "the ring whose completions count (the current one by default)");
    static final Option TIMEOUT = Option.of("timeout", ValueType.Duration.WAIT, "1s", "the longest to wait for it");

    static final Syntax CQE = Syntax.of("expect cqe",
                    "Take the ring's next completion with this user_data (or its next) and check res and flags; wait for one at most timeout=.")
            .with(Option.of("user_data", ValueType.Number.ANY, "the completion's user_data").comparable(),
                    Option.of("res", new ValueType.Result(), "the result: a number or -ERRNO").comparable(),
                    Option.of("flags", new ValueType.Flags(FlagSets.CQE.name()), "IORING_CQE_F_* flags, exactly").comparable(),
                    Option.of("bid", new ValueType.Number(0, 0xffff), "the buffer id (needs IORING_CQE_F_BUFFER)").comparable(),
                    CqeChecks.AFTER, CqeChecks.BEFORE, CqeChecks.BIG,
                    TIMEOUT, RING)
            .note("Completions already printed count; only the current ring's (or ring=NAME's), never another ring's.",
                    "Fields compare: res>=0, res!=-EAGAIN, res=-EINVAL,-EOPNOTSUPP (one of), flags&MORE=0, flags&MORE=MORE.")
            .withJson();

    static final Syntax COUNT = Syntax.of("expect",
                    "Check what the kernel answered: expect cqe ..., expect cqes=N, expect sq|cq FIELD=VALUE, expect buf NAME text=..., expect order U1 U2...")
            .with(Option.of("cqes", ValueType.Number.COUNT, "completions reaped from the ring and not yet checked"), TIMEOUT, RING)
            .withJson();

    static final Syntax BUF = Syntax.of("expect buf", "Check a session buffer's bytes.")
            .with(Positional.required("NAME", ValueType.Name.BUFFER, "a session buffer"))
            .with(Option.of("text", ValueType.Name.TEXT, "the bytes as text"),
                    Option.of("hex", ValueType.Name.TEXT, "the bytes in hex, e.g. 68656c6c6f"),
                    Option.of("offset", ValueType.Number.COUNT, "0", "where in the buffer they start"),
                    Option.of("same", ValueType.Name.TEXT, "@OTHER[+OFF]: the bytes equal another buffer's, from OFF of it"),
                    Option.of("len", ValueType.Number.COUNT, "with same=: how many bytes (default: all both have)"))
            .withJson();

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(COUNT, this::count), new Verb(CQE, this::cqe),
                new Verb(HeaderExpectation.SQ, args -> new HeaderExpectation(session, "sq", args).check()),
                new Verb(HeaderExpectation.CQ, args -> new HeaderExpectation(session, "cq", args).check()),
                new Verb(BUF, this::buf),
                new Verb(OrderExpectation.SYNTAX, args -> OrderExpectation.check(session, args)),
                new Verb(dev.ringside.shell.command.struct.StructExpectation.SYNTAX,
                        args -> new dev.ringside.shell.command.struct.StructExpectation(session, args).check()),
                // the dispatcher runs expect refused with a command line itself (it runs the inner line); reaching here means none
                new Verb(RefusalExpectation.SYNTAX, args -> {
                    throw new ConsoleException("expect refused needs the command line to run: expect refused [naming=TEXT] COMMAND...");
                }));
    }

    public ExpectCommand(Session session) {
        this.session = session;
    }

    private void cqe(Args args) {
        if (CqeChecks.wanted(args)) {
            new CqeChecks(session, args).check();
            return;
        }
        Long userData = args.optionalNumber("user_data").orElse(null);
        Long res = args.optionalNumber("res").orElse(null);
        Long flags = args.optionalNumber("flags").orElse(null);
        Long bid = args.optionalNumber("bid").orElse(null);
        String ringName = args.optionalText("ring").orElse(null);
        long timeout = args.number("timeout");
        CqeFlagsWanted flagsWanted;
        try {
            flagsWanted = CqeFlagsWanted.of(flags, bid);
        } catch (ValueException e) {
            throw new ConsoleException(e.getMessage());
        }
        flags = flagsWanted.asRawFlags().isPresent() ? flagsWanted.asRawFlags().getAsLong() : null;
        String typed = args.optionWords().getOrDefault("user_data", "");
        String wanted = "cqe" + (userData == null ? "" : " user_data=" + UserDataText.of(typed, userData))
                + (res == null ? "" : " res=" + Errno.describeResult(res))
                + flagsWanted.describe() + (ringName == null ? "" : " ring=" + ringName);
        RingSession rs = ring(ringName);
        Event.CqeReaped c = rs == null ? null : take(rs, userData).orElse(null);
        long deadline = System.nanoTime() + timeout;
        while (c == null && rs != null && deadline - System.nanoTime() > 0) {
            if (session.awaitRest(rs, 1, deadline - System.nanoTime(), timeout).isEmpty()) {
                break;
            }
            c = take(rs, userData).orElse(null);
        }
        String ringOf = rs == null ? "" : rs.name();
        if (c == null) {
            JournalWrites.expected(session, ringOf, userData, res, flags, timeout, false);
            long letGo = rs == null ? 0 : rs.ledger().uncheckedLetGo();
            throw new ExpectationFailed(wanted, "no completion" + (letGo == 0 ? "" : " among the latest "
                    + RequestLedger.UNCHECKED_KEPT + " unchecked (" + letGo + " older ones were let go; the journal has them)"));
        }
        session.captures().taken(c); // $cqe.res: what this expect took, met or not
        boolean resOk = res == null || res == c.res();
        // the buffer id is in the upper 16 bits, and only means one when IORING_CQE_F_BUFFER is set
        boolean hasBid = (c.flags() & CqeFlag.BUFFER.value()) != 0;
        boolean flagsOk = flagsWanted.matches(c.flags());
        JournalWrites.expected(session, ringOf, userData, res, flags, timeout, resOk && flagsOk);
        if (!resOk || !flagsOk) {
            throw new ExpectationFailed(wanted, "cqe user_data=" + UserDataText.of(typed, c.userData())
                    + " res=" + Errno.describeResult(c.res()) + " flags=" + CqeCodec.formatFlags(Integer.toUnsignedLong(c.flags()))
                    + (flagsWanted.bid().isEmpty() || hasBid ? "" : " (no IORING_CQE_F_BUFFER, so no bid)"));
        }
        met(session, wanted);
    }

    /**
     * {@code expect cqes=N}: waits (bounded) until N completions of the ring are reaped and
     * unchecked, then checks there are exactly N; {@code cqes=0} watches the whole timeout, so a
     * CQE that arrives in it fails the check.
     */
    private void count(Args args) {
        Integer count = args.optionalNumber("cqes").map(Long::intValue).orElse(null);
        String ringName = args.optionalText("ring").orElse(null);
        long timeout = args.number("timeout");
        if (count == null) {
            throw new ConsoleException("expect needs what to check: cqe ..., cqes=N, sq FIELD=VALUE or cq FIELD=VALUE");
        }
        RingSession rs = ring(ringName);
        if (rs != null) {
            long unchecked = rs.ledger().uncheckedCount();
            if (count == 0) {
                session.watchForAny(rs, timeout);
            } else if (unchecked < count) {
                session.await(rs, (int) (count - unchecked), timeout);
            } else {
                session.reapAndPrint(rs);
            }
        }
        int got = rs == null ? 0 : (int) Math.min(Integer.MAX_VALUE, rs.ledger().uncheckedCount());
        JournalWrites.expectedCount(session, rs == null ? "" : rs.name(), count, timeout, got);
        if (got != count) {
            throw new ExpectationFailed("cqes=" + count + (ringName == null ? "" : " ring=" + ringName), got + " unchecked completion" + (got == 1 ? "" : "s"));
        }
        met(session, "cqes=" + count + (ringName == null ? "" : " ring=" + ringName));
    }

    private void buf(Args args) {
        String name = args.word(0).orElseThrow();
        if (args.has("same")) {
            if (args.has("text") || args.has("hex")) {
                throw args.error("same", "expect buf checks same=, text= or hex=, one of them");
            }
            SameBytesExpectation.check(session, args, name);
            return;
        }
        if (args.has("len")) {
            throw args.error("len", "len= goes with same=; text= and hex= are as long as they are");
        }
        if (args.has("text") && args.has("hex")) {
            throw args.error("hex", "expect buf checks text= or hex=, not both");
        }
        byte[] wanted = args.optionalText("text").map(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8)).orElse(null);
        if (args.has("hex")) {
            try {
                wanted = java.util.HexFormat.of().parseHex(args.text("hex"));
            } catch (IllegalArgumentException e) {
                throw args.error("hex", "hex: " + e.getMessage());
            }
        }
        long offset = args.number("offset");
        if (wanted == null) {
            throw new ConsoleException("expect buf " + name + " needs text=... or hex=...");
        }
        dev.ringside.tracer.memory.SessionBuffer buffer = session.resources().buffer(name);
        String what = "buf " + name + (offset == 0 ? "" : " offset=" + offset);
        byte[] got;
        try {
            got = buffer.read(offset, wanted.length);
        } catch (RuntimeException e) {
            throw new ConsoleException(e.getMessage(), name);
        }
        JournalWrites.expectedBytes(session, name, offset, wanted, java.util.Arrays.equals(wanted, got));
        if (!java.util.Arrays.equals(wanted, got)) {
            throw new ExpectationFailed(what + " " + BufferText.describe(wanted), BufferText.describe(got));
        }
        met(session, what + " " + BufferText.describe(wanted));
    }

    /** The ring whose completions count: ring=NAME, else the current one; null when there is no ring at all. */
    RingSession ring(String name) {
        if (name != null) {
            return session.ring(name);
        }
        return session.currentName().isPresent() ? session.currentRing() : null;
    }

    /** Removes and returns the ring's oldest unchecked completion whose user_data passes the test, as the journal recorded it. */
    static Optional<Event.CqeReaped> take(RingSession rs, java.util.function.LongPredicate userData) {
        Iterator<Event.CqeReaped> it = rs.ledger().unchecked().iterator();
        while (it.hasNext()) {
            Event.CqeReaped c = it.next();
            if (userData.test(c.userData())) {
                it.remove();
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Removes and returns the ring's oldest unchecked completion with this user_data (any, when null), as the journal recorded it. */
    private static Optional<Event.CqeReaped> take(RingSession rs, Long userData) {
        Iterator<Event.CqeReaped> it = rs.ledger().unchecked().iterator();
        while (it.hasNext()) {
            Event.CqeReaped c = it.next();
            if (userData == null || c.userData() == userData) {
                it.remove();
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** An expectation met: {@code ok WHAT}, or with --json {@code {"type":"expect","met":true,"expected":WHAT}}. */
    public static void met(Session session, String what) {
        session.expectationMet();
        session.output().result("expect", new ExpectView(true, what), session.style().ok("ok") + " " + what);
    }

    /** An expectation as --json reports it (a miss is an error line, as every error is). */
    record ExpectView(boolean met, String expected) {
    }
}
