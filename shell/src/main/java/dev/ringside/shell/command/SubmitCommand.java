package dev.ringside.shell.command;

import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code submit [wait=N] [timeout=1s]}: hands the drafts to the kernel and waits, bounded, for completions. */
@Command(name = "submit", description = {
    "Write the drafts into the SQ ring, publish them and call io_uring_enter.",
    "wait=N waits for N completions (at most timeout=, default 1s; Ctrl-C stops the wait); the CQEs print decoded."})
public final class SubmitCommand implements Runnable {
    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "wait=N timeout=DURATION")
    List<String> words;

    @Mixin
    JsonOption json;

    public SubmitCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        WaitArgs args = WaitArgs.parse(words, 0);
        session.submit(args.count(), args.timeoutNanos());
    }

    /** The wait=N and timeout=D words shared by submit and wait. */
    record WaitArgs(int count, long timeoutNanos) {
        static WaitArgs parse(List<String> words, int defaultCount) {
            int count = defaultCount;
            long timeout = Session.DEFAULT_WAIT_NANOS;
            for (Assignment a : Assignment.parseAll(words == null ? List.of() : words)) {
                try {
                    switch (a.name()) {
                        case "wait" -> count = (int) Values.parseLong(a.value());
                        case "timeout" -> timeout = Values.parseDurationNanos(a.value());
                        default -> throw a.error("unknown argument '" + a.name() + "'; valid: wait, timeout");
                    }
                } catch (ValueException e) {
                    throw a.error(e.getMessage());
                }
            }
            return new WaitArgs(count, timeout);
        }
    }
}
