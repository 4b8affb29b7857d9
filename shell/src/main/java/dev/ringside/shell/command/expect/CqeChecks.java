package dev.ringside.shell.command.expect;

import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.codec.CqeFlagsWanted;
import dev.ringside.decoders.flags.CqeFlag;
import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.session.RequestLedger;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.journal.Event;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code expect cqe} with comparisons ({@code res>=0}, {@code flags&MORE=0}, {@code res=-EINVAL,-EAGAIN}),
 * timing ({@code after=10ms before=200ms}: from the submit that sent its SQE to its reap) or the extra 16
 * bytes of a big CQE ({@code big=HEX}). The plain forms keep their own path in ExpectCommand, so their
 * journal and C stay as they were.
 */
final class CqeChecks {
    static final Option AFTER = Option.of("after", ValueType.Duration.WAIT,
            "reaped at least this long after the submit that sent its SQE (10ms)");
    static final Option BEFORE = Option.of("before", ValueType.Duration.WAIT,
            "reaped less than this long after the submit that sent its SQE (200ms)");
    static final Option BIG = Option.of("big", ValueType.Name.TEXT, "a 32-byte CQE's extra 16 bytes, 32 hex digits");
    private static final long BUFFER = CqeFlag.BUFFER.value();
    private static final long LOW = (1L << CqeCodec.BUFFER_SHIFT) - 1;

    private final Session session;
    private final List<Comparison> checks = new ArrayList<>();
    private final Comparison userData;
    private final String ringName;
    private final long timeout;
    private final long after;
    private final long before;
    private final byte[] big;
    private final String wanted;

    /** Whether the line needs more than the plain exact forms. */
    static boolean wanted(Args args) {
        return args.has("after") || args.has("before") || args.has("big")
                || List.of("user_data", "res", "flags", "bid").stream().anyMatch(f -> args.comparison(f).map(c -> !c.plain()).orElse(false));
    }

    CqeChecks(Session session, Args args) {
        this.session = session;
        ringName = args.optionalText("ring").orElse(null);
        timeout = args.number("timeout");
        after = args.optionalNumber("after").orElse(-1L);
        before = args.optionalNumber("before").orElse(-1L);
        if (after >= 0 && before >= 0 && before <= after) {
            throw args.error("before", "before=" + Values.formatDurationNanos(before) + " is not later than after="
                    + Values.formatDurationNanos(after) + ": no completion could pass");
        }
        big = args.optionalText("big").map(h -> bigBytes(args, h)).orElse(new byte[0]);
        userData = args.comparison("user_data").orElse(null);
        if (userData != null) {
            checks.add(userData);
        }
        args.comparison("res").ifPresent(checks::add);
        Optional<Comparison> flags = args.comparison("flags");
        Optional<Comparison> bid = args.comparison("bid");
        if (flags.isPresent() && flags.get().plain()) {
            // the legacy flags=F: exactly these, a bid in F's upper bits under BUFFER read as bid=
            CqeFlagsWanted fw;
            try {
                fw = CqeFlagsWanted.of(flags.get().values().getFirst(), bid.filter(Comparison::plain).map(b -> b.values().getFirst()).orElse(null));
            } catch (ValueException e) {
                throw new ConsoleException(e.getMessage());
            }
            long f = fw.flags().orElse(0);
            checks.add(new Comparison("flags", (f & BUFFER) != 0 ? OptionalLong.of(LOW) : OptionalLong.empty(), Comparison.Op.EQ,
                    List.of(f), false, flags.get().typed()));
            if (fw.bid().isPresent() && bid.map(Comparison::plain).orElse(true)) {
                bid = Optional.of(Comparison.equal("bid", fw.bid().getAsLong(), false));
            }
        } else {
            flags.ifPresent(checks::add);
        }
        bid.ifPresent(checks::add);
        String typed = args.optionWords().getOrDefault("user_data", "");
        StringBuilder w = new StringBuilder("cqe");
        args.optionWords().forEach((name, word) -> {
            if (!name.equals("timeout")) {
                w.append(' ').append(name.equals("user_data") && userData != null && userData.plain()
                        ? "user_data=" + dev.ringside.shell.session.UserDataText.of(typed.substring(typed.indexOf('=') + 1), userData.values().getFirst())
                        : word);
            }
        });
        wanted = w.toString();
    }

    private static byte[] bigBytes(Args args, String hex) {
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            throw args.error("big", "big= takes the 16 extra bytes as 32 hex digits (big_cqe[0] then [1], little-endian), not '" + hex + "'");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** The value a check reads from a completion; a bid only exists under IORING_CQE_F_BUFFER (empty otherwise). */
    static OptionalLong actual(String field, Event.CqeReaped c) {
        long flags = Integer.toUnsignedLong(c.flags());
        return switch (field) {
            case "user_data" -> OptionalLong.of(c.userData());
            case "res" -> OptionalLong.of(c.res());
            case "flags" -> OptionalLong.of(flags);
            case "bid" -> (flags & BUFFER) == 0 ? OptionalLong.empty() : OptionalLong.of(flags >>> CqeCodec.BUFFER_SHIFT);
            default -> throw new IllegalArgumentException(field);
        };
    }

    void check() {
        ExpectCommand expect = new ExpectCommand(session);
        RingSession rs = expect.ring(ringName);
        java.util.function.LongPredicate filter = u -> userData == null || userData.test(u);
        Event.CqeReaped c = rs == null ? null : ExpectCommand.take(rs, filter).orElse(null);
        long deadline = System.nanoTime() + timeout;
        while (c == null && rs != null && deadline - System.nanoTime() > 0) {
            if (session.awaitRest(rs, 1, deadline - System.nanoTime(), timeout).isEmpty()) {
                break;
            }
            c = ExpectCommand.take(rs, filter).orElse(null);
        }
        String ringOf = rs == null ? "" : rs.name();
        if (c == null) {
            journal(ringOf, false);
            long letGo = rs == null ? 0 : rs.ledger().uncheckedLetGo();
            throw new ExpectationFailed(wanted, "no completion" + (letGo == 0 ? "" : " among the latest "
                    + RequestLedger.UNCHECKED_KEPT + " unchecked (" + letGo + " older ones were let go; the journal has them)"));
        }
        final Event.CqeReaped got = c;
        List<String> why = new ArrayList<>();
        for (Comparison check : checks) {
            OptionalLong value = actual(check.field(), got);
            if (value.isEmpty() || !check.test(value.getAsLong())) {
                why.add(check.describe() + (value.isEmpty() ? " (no IORING_CQE_F_BUFFER, so no bid)" : ""));
            }
        }
        Optional<RequestLedger.Reap> reap = rs.ledger().reapOf(got);
        String elapsed = "";
        if (after >= 0 || before >= 0) {
            long sentAt = reap.map(RequestLedger.Reap::sentAt).orElse(-1L);
            if (sentAt < 0) {
                why.add("timing (no submit of user_data " + Long.toUnsignedString(got.userData()) + " seen)");
            } else {
                long took = got.at() - sentAt;
                elapsed = String.format(" (reaped %.3fms after its submit)", took / 1e6);
                if (after >= 0 && took < after || before >= 0 && took >= before) {
                    why.add("time");
                }
            }
        }
        String bigGot = reap.map(r -> HexFormat.of().formatHex(r.big())).orElse("");
        if (big.length > 0 && !bigGot.equals(HexFormat.of().formatHex(big))) {
            why.add("big" + (bigGot.isEmpty() ? " (not a 32-byte CQE)" : ""));
        }
        journal(ringOf, why.isEmpty());
        if (!why.isEmpty()) {
            throw new ExpectationFailed(wanted, "cqe user_data=" + Long.toUnsignedString(got.userData())
                    + " res=" + Errno.describeResult(got.res()) + " flags=" + CqeCodec.formatFlags(Integer.toUnsignedLong(got.flags()))
                    + (bigGot.isEmpty() || big.length == 0 ? "" : " big=" + bigGot) + elapsed + " (failed: " + String.join(", ", why) + ")");
        }
        ExpectCommand.met(session, wanted + elapsed);
    }

    private void journal(String ring, boolean met) {
        session.journal().record(new Event.ExpectedCqe(session.journal().now(), ring,
                userData != null && userData.plain() ? OptionalLong.of(userData.values().getFirst()) : OptionalLong.empty(),
                checks.stream().map(Comparison::toEvent).toList(), after, before, big, timeout, met));
    }
}
