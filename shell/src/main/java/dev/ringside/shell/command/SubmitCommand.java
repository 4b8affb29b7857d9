package dev.ringside.shell.command;

import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** {@code submit [N] [wait=N] [timeout=1s]}: hands the drafts to the kernel and waits, bounded, for completions. */
@Command(name = "submit", description = {
    "Write the drafts (or the first N: submit N) into the SQ ring, publish them and call io_uring_enter.",
    "wait=N waits for N completions (at most timeout=, default 1s; Ctrl-C stops the wait); the CQEs print decoded."})
public final class SubmitCommand implements Runnable {
    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "[N] wait=N timeout=DURATION")
    List<String> words;

    @Mixin
    JsonOption json;

    public SubmitCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        List<String> rest = new ArrayList<>(words == null ? List.of() : words);
        int drafts = session.drafts().size();
        if (!rest.isEmpty() && !rest.getFirst().contains("=")) {
            String word = rest.removeFirst();
            try {
                drafts = (int) Values.parseLong(word);
            } catch (ValueException e) {
                throw new ConsoleException("submit N takes a number of drafts, not '" + word + "'", word);
            }
            if (drafts < 0 || drafts > session.drafts().size()) {
                throw new ConsoleException("there are " + session.drafts().size() + " drafts; cannot submit " + drafts, word);
            }
        }
        WaitArgs args = WaitArgs.parse(rest, 0);
        session.submit(drafts, args.count(), args.timeoutNanos());
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
                        case "timeout" -> timeout = WaitLimit.parse(a);
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
