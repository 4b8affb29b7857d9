package dev.ringside.shell.command.sqe;

import dev.ringside.shell.syntax.Verb;
import dev.ringside.decoders.codec.FieldConditions;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.session.Session;

import dev.ringside.decoders.values.Errno;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.command.expect.ExpectCommand;

import java.util.List;

/**
 * {@code submit [N] [wait=N] [timeout=1s] [reap=no] [expect=-ERRNO]}: hands the drafts to the kernel and waits,
 * bounded, for completions; reap=no leaves them in the CQ ring, expect= checks io_uring_enter's own failure.
 */
public final class SubmitCommand implements Declared {
    private final Session session;

    public SubmitCommand(Session session) {
        this.session = session;
    }

    private void run(Args args) {
        int drafts = session.drafts().size();
        if (args.word(0).isPresent()) {
            drafts = args.positionalNumber(0).orElseThrow().intValue();
            if (drafts > session.drafts().size()) {
                throw new ConsoleException("there are " + session.drafts().size() + " drafts; cannot submit " + drafts,
                        args.word(0).get());
            }
        }
        // checked here, on the complete drafts: the flag a field depends on may have been set after it
        for (int i = 0; i < drafts; i++) {
            int number = i + 1;
            FieldConditions.violation(session.drafts().get(i)).ifPresent(message -> {
                throw new ConsoleException("sqe #" + number + ": " + message);
            });
        }
        Options known = lastOptions;
        Options options = known != null && known.args() == args ? known : Options.of(args);
        lastOptions = options;
        Long expected = options.expected();
        session.submit(drafts, options.waitFor(), options.timeoutNanos(), options.reap(), expected);
        if (expected != null) {
            String what = "submit expect=" + Errno.of(expected.intValue()).map(e -> "-" + e.name()).orElse(Long.toString(expected));
            long got = session.lastSubmitResult();
            boolean met = got == expected;
            if (!met) {
                throw new ExpectationFailed(what, got < 0 ? "io_uring_enter answered " + Errno.describeResult(got)
                        : "io_uring_enter succeeded: submitted " + got);
            }
            ExpectCommand.met(session, what);
        }
    }

    /**
     * What the options say, read once per Args: a script line's Args are kept and handed again each pass (they are
     * read-only), so the same Args read the same; the errors are thrown as they were, after the drafts' checks.
     */
    private record Options(Args args, boolean reap, Long expected, int waitFor, long timeoutNanos) {
        static Options of(Args args) {
            boolean reap = args.text("reap").equalsIgnoreCase("yes");
            if (!reap && args.has("wait")) {
                throw args.error("wait", "reap=no leaves the CQEs in the CQ ring and wait= reaps them: give one of them");
            }
            Long expected = args.optionalNumber("expect").orElse(null);
            if (expected != null && expected >= 0) {
                throw args.error("expect", "expect= is the errno io_uring_enter fails with, such as -EBUSY, not " + expected);
            }
            return new Options(args, reap, expected, (int) args.number("wait"), args.number("timeout"));
        }
    }

    /** The options of the last submit line run: a loop's next pass hands the same Args. */
    private Options lastOptions;

    /** wait= and timeout=, the bounded wait submit and wait share. */
    static Option[] waitOptions(String defaultCount) {
        return new Option[] {
            Option.of("wait", ValueType.Number.COUNT, defaultCount, "completions to wait for"),
            Option.of("timeout", ValueType.Duration.WAIT, Values.formatDurationNanos(Session.DEFAULT_WAIT_NANOS),
                    "the longest the wait may take (Ctrl-C stops it)")};
    }

    static final Syntax SYNTAX = Syntax.of("submit",
                    "Write the drafts (or the first N) into the SQ ring, publish them and call io_uring_enter; the CQEs print decoded.")
            .with(Positional.optional("N", ValueType.Number.COUNT, "how many drafts, from the first (all by default)"))
            .with(waitOptions("0"))
            .with(Option.of("reap", new ValueType.Words("yes", "no"), "yes",
                    "no: leave the CQEs in the CQ ring (it may overflow); a later wait or expect reaps them"))
            .with(Option.of("expect", new ValueType.Result(),
                    "the errno io_uring_enter fails with (expect=-EBUSY): an expectation, not an error"))
            .withJson();

    /** Made once: a script's loop asks for them every pass. */
    private final List<Verb> verbs = List.of(new Verb(SYNTAX, this::run));

    @Override
    public List<Verb> verbs() {
        return verbs;
    }
}
