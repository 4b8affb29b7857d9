package dev.ringside.shell.command;

import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.ring.Completion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** {@code expect cqe user_data=2 res=-ETIME}: checks the kernel's answer; in a script a mismatch fails the run. */
@Command(name = "expect", description = "Check what the kernel answered: expect cqe [user_data=N] [res=R|-ERRNO] [flags=F] [timeout=D].")
public final class ExpectCommand {
    private final Session session;

    public ExpectCommand(Session session) {
        this.session = session;
    }

    @Command(name = "cqe", description = {
        "Take the next completion with this user_data (or the next of all, without user_data) and check res and flags.",
        "Completions already printed count; if none is there yet, wait for one, at most timeout= (default 1s)."})
    void cqe(@Parameters(arity = "0..*", paramLabel = "FIELD=VALUE") List<String> words) {
        Long userData = null;
        Long res = null;
        Long flags = null;
        long timeout = Session.DEFAULT_WAIT_NANOS;
        for (Assignment a : Assignment.parseAll(words == null ? List.of() : words)) {
            try {
                switch (a.name()) {
                    case "user_data" -> userData = Values.parseLong(a.value());
                    case "res" -> res = Values.parseResult(a.value());
                    case "flags" -> flags = FlagSets.CQE.parse(a.value());
                    case "timeout" -> timeout = Values.parseDurationNanos(a.value());
                    default -> throw a.error("expect cqe checks user_data, res, flags (and takes timeout); not '"
                            + a.name() + "'");
                }
            } catch (ValueException e) {
                throw a.error(e.getMessage());
            }
        }
        String wanted = "cqe" + (userData == null ? "" : " user_data=" + Long.toUnsignedString(userData))
                + (res == null ? "" : " res=" + Errno.describeResult(res))
                + (flags == null ? "" : " flags=" + FlagSets.CQE.format(flags));
        Completion c = take(userData).orElse(null);
        long deadline = System.nanoTime() + timeout;
        while (c == null && session.currentName().isPresent() && deadline - System.nanoTime() > 0) {
            if (session.await(1, deadline - System.nanoTime()).isEmpty()) {
                break;
            }
            c = take(userData).orElse(null);
        }
        if (c == null) {
            throw new ExpectationFailed("expected " + wanted + ", got no completion");
        }
        boolean resOk = res == null || res == c.res();
        boolean flagsOk = flags == null || flags == Integer.toUnsignedLong(c.flags());
        if (!resOk || !flagsOk) {
            throw new ExpectationFailed("expected " + wanted + ", got cqe user_data=" + Long.toUnsignedString(c.userData())
                    + " res=" + Errno.describeResult(c.res()) + " flags=" + CqeCodec.formatFlags(Integer.toUnsignedLong(c.flags())));
        }
        session.out().println(session.style().ok("ok") + " " + wanted);
    }

    /** Removes and returns the oldest unchecked completion with this user_data (any, when null). */
    private Optional<Completion> take(Long userData) {
        Iterator<Completion> it = session.unchecked().iterator();
        while (it.hasNext()) {
            Completion c = it.next();
            if (userData == null || c.userData() == userData) {
                it.remove();
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
