package dev.ringside.shell.command.expect;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.session.RequestLedger;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.journal.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code expect order 1 2 3}: the first completion of each user_data since the latest submit that sent
 * it was reaped in this order (waiting, bounded, for the missing ones). It reads the ring's reaps, not
 * the unchecked ones: an {@code expect cqe} that took a completion does not hide it from the order.
 */
final class OrderExpectation {
    static final Syntax SYNTAX = Syntax.of("expect order",
                    "Check that the first completions of these user_data (since each was last submitted) were reaped in this order.")
            .with(Positional.many("USER_DATA", ValueType.Number.ANY, "user_data values, in the order their completions must come"))
            .with(ExpectCommand.TIMEOUT, ExpectCommand.RING)
            .note("Only this ring's latest " + RequestLedger.UNCHECKED_KEPT + " reaps are kept to compare.")
            .withJson();

    private OrderExpectation() {
    }

    static void check(Session session, Args args) {
        List<Long> order = args.positionalValues().stream().map(v -> (Long) v).toList();
        if (order.size() < 2) {
            throw new ConsoleException("expect order needs at least two user_data values: expect order 1 2 [3...]");
        }
        if (order.stream().distinct().count() != order.size()) {
            throw new ConsoleException("expect order names a user_data twice: " + String.join(" ", args.positionalWords()));
        }
        String ringName = args.optionalText("ring").orElse(null);
        long timeout = args.number("timeout");
        RingSession rs = new ExpectCommand(session).ring(ringName);
        if (rs == null) {
            throw new ConsoleException("expect order: there is no ring; create one with ring create");
        }
        String what = "order " + String.join(" ", args.positionalWords()) + (ringName == null ? "" : " ring=" + ringName);
        long deadline = System.nanoTime() + timeout;
        session.reapAndPrint(rs);
        List<Optional<RequestLedger.Reap>> firsts = firsts(rs, order);
        while (firsts.stream().anyMatch(Optional::isEmpty) && deadline - System.nanoTime() > 0) {
            if (session.awaitRest(rs, 1, deadline - System.nanoTime(), timeout).isEmpty()) {
                break;
            }
            firsts = firsts(rs, order);
        }
        List<String> got = new ArrayList<>();
        boolean met = true;
        long last = -1;
        for (int i = 0; i < order.size(); i++) {
            Optional<RequestLedger.Reap> r = firsts.get(i);
            if (r.isEmpty()) {
                met = false;
                got.add(Long.toUnsignedString(order.get(i)) + " has no completion");
                continue;
            }
            met &= r.get().seq() > last;
            last = Math.max(last, r.get().seq());
        }
        session.journal().record(new Event.ExpectedOrder(session.journal().now(), rs.name(), order, timeout, met));
        if (!met) {
            List<RequestLedger.Reap> reaped = firsts.stream().flatMap(Optional::stream)
                    .sorted(java.util.Comparator.comparingLong(RequestLedger.Reap::seq)).toList();
            String actual = "reaped in order " + String.join(" ", reaped.stream().map(r -> Long.toUnsignedString(r.event().userData())).toList())
                    + (got.isEmpty() ? "" : "; " + String.join(", ", got));
            throw new ExpectationFailed(what, actual);
        }
        ExpectCommand.met(session, what);
    }

    private static List<Optional<RequestLedger.Reap>> firsts(RingSession rs, List<Long> order) {
        return order.stream().map(u -> rs.ledger().firstSinceSent(u)).toList();
    }
}
