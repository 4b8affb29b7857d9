package dev.ringside.shell.session;

import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.flags.CqeFlag;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.journal.Event;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Completions a script line can name, as {@code $SOURCE.MEMBER}: {@code $cqe.res} (the one the last
 * {@code expect cqe} took), {@code $7.res} or {@code $0x10.res} (the latest reaped with that user_data) and
 * {@code $open.res} (the latest of the request {@code sqe OPCODE as=open ...}). Members: res, flags,
 * user_data, bid. An unknown member or a completion not there yet is an error saying which.
 */
public final class Captures implements References.Source {
    public static final List<String> MEMBERS = List.of("res", "flags", "user_data", "bid");
    /** The latest completion per user_data is kept for this many user_data values, the least recently reaped let go. */
    static final int USER_DATA_KEPT = 4096;

    private Event.CqeReaped expected;
    private final Map<Long, Event.CqeReaped> byUserData = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Event.CqeReaped> eldest) {
            return size() > USER_DATA_KEPT;
        }
    };
    /** {@code as=NAME}: the draft number of the request each name stands for now. */
    private final Map<String, Integer> named = new LinkedHashMap<>();
    private final Map<Integer, Event.CqeReaped> byRequest = new HashMap<>();

    /** {@code sqe OPCODE as=NAME}: NAME now stands for draft #number (a name used again moves to the new request). */
    public void name(String name, int number) {
        Integer before = named.put(name, number);
        if (before != null && !named.containsValue(before)) {
            byRequest.remove(before);
        }
    }

    /** The name {@code as=} gave the request of draft #number, if it still has it. */
    public Optional<String> nameOf(int number) {
        return named.entrySet().stream().filter(e -> e.getValue() == number).map(Map.Entry::getKey).findFirst();
    }

    /** The completion an {@code expect cqe} took. */
    public void taken(Event.CqeReaped cqe) {
        expected = cqe;
    }

    /** A completion reaped, as its ring's ledger attributed it. */
    public void reaped(RingCompletion reaped, Event.CqeReaped journaled) {
        byUserData.put(journaled.userData(), journaled);
        if (reaped.answers() instanceof Attribution.One(Pending.Request r) && named.containsValue(r.number())) {
            byRequest.put(r.number(), journaled);
        }
    }

    @Override
    public Optional<String> resolve(String name, String member) {
        if (name.equals("cqe")) {
            return Optional.of(member(name, member, Optional.ofNullable(expected).orElseThrow(() ->
                    new ConsoleException("$cqe." + member + ": no 'expect cqe' has taken a completion yet"))));
        }
        if (Character.isDigit(name.charAt(0))) {
            long userData;
            try {
                userData = dev.ringside.decoders.values.Values.parseLong(name);
            } catch (dev.ringside.decoders.values.ValueException e) {
                throw new ConsoleException("$" + name + "." + member + ": " + e.getMessage());
            }
            return Optional.of(member(name, member, Optional.ofNullable(byUserData.get(userData)).orElseThrow(() ->
                    new ConsoleException("$" + name + "." + member + ": no completion with user_data=" + Long.toUnsignedString(userData)
                            + " reaped yet"))));
        }
        Integer number = named.get(name);
        if (number == null || member.equals("fd")) {
            return Optional.empty(); // not ours; $open.fd is the console fd an OPENAT named open returned
        }
        Event.CqeReaped cqe = byRequest.get(number);
        if (cqe == null) {
            member(name, member, null);
            throw new ConsoleException("$" + name + "." + member + ": request " + name + " (#" + number
                    + ") has not completed yet: submit it and reap its CQE (submit wait=1, wait, expect cqe)");
        }
        return Optional.of(member(name, member, cqe));
    }

    private static String member(String source, String member, Event.CqeReaped cqe) {
        if (!MEMBERS.contains(member)) {
            throw new ConsoleException("$" + source + "." + member + ": a completion has no member '" + member + "'; members: "
                    + String.join(", ", MEMBERS) + (source.equals("cqe") || Character.isDigit(source.charAt(0)) ? ""
                    : " (and fd, the console fd of an fd it returned)"));
        }
        if (cqe == null) {
            return "";
        }
        return switch (member) {
            case "res" -> Integer.toString(cqe.res());
            case "flags" -> Integer.toUnsignedString(cqe.flags());
            case "user_data" -> Long.toUnsignedString(cqe.userData());
            default -> {
                if ((cqe.flags() & CqeFlag.BUFFER.value()) == 0) {
                    throw new ConsoleException("$" + source + ".bid: the completion (user_data=" + Long.toUnsignedString(cqe.userData())
                            + ") has no IORING_CQE_F_BUFFER, so no buffer id");
                }
                yield Long.toString((Integer.toUnsignedLong(cqe.flags()) >>> CqeCodec.BUFFER_SHIFT) & 0xffff);
            }
        };
    }
}
