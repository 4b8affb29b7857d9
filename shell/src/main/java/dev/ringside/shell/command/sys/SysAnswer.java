package dev.ringside.shell.command.sys;

import dev.ringside.decoders.values.Errno;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.command.expect.Comparison;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.journal.Event;

import java.util.List;
import java.util.Optional;

/**
 * The kernel's answer to one plain call, as scripts see it: {@code $sys.res}, one line, journaled;
 * with {@code expect=} a mismatch fails like an expect, without it a failure is an error naming the errno.
 */
public final class SysAnswer {
    private SysAnswer() {
    }

    /** What the call was, for the journal and the C program: its fds (names), numbers, text, bytes, buffer filled. */
    public record Call(String name, String shown, List<String> fds, List<Long> args, String text, byte[] bytes, String buffer) {
        public Call(String name, String shown, List<String> fds) {
            this(name, shown, fds, List.of(), "", new byte[0], "");
        }
    }

    /** Journals the call with its answer and checks it; {@code message} is the failure with its likely cause. */
    public static void answered(Session session, Call call, long result, String message, Optional<Comparison> expected, String detail) {
        session.procs().lastResult(result);
        session.journal().record(new Event.SysCalled(session.journal().now(), call.name(), call.fds(), call.args(), call.text(),
                call.bytes(), call.buffer(), expected.isPresent(), expected.map(c -> c.values().getFirst()).orElse(0L), result,
                expected.map(c -> List.of(c.toEvent())).orElse(List.of())));
        String line = call.shown() + " = " + Errno.describeResult((int) result);
        if (expected.isPresent()) {
            if (!expected.get().test(result)) {
                throw new ExpectationFailed(call.shown() + " " + wanted(expected.get()),
                        Errno.describeResult((int) result) + (message.isEmpty() ? "" : " (" + message + ")"));
            }
            session.expectationMet();
            session.out().println(line + "   (as expected)" + detail);
            return;
        }
        if (result < 0) {
            throw new ConsoleException(message.isEmpty() ? line : message);
        }
        session.out().println(line + detail);
    }

    /** {@code = -32 EPIPE} for one value, else the comparison as typed ({@code expect=-EPIPE,-EAGAIN}, {@code expect>=0}). */
    public static String wanted(Comparison c) {
        return c.plain() ? "= " + Errno.describeResult((int) (long) c.values().getFirst()) : c.describe();
    }
}
