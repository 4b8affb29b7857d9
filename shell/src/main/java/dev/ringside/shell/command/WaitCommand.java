package dev.ringside.shell.command;

import dev.ringside.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code wait [wait=N] [timeout=1s]}: waits, bounded, for completions and prints them. */
@Command(name = "wait", description = "Wait for wait=N completions (default 1) at most timeout= (default 1s), then print every ready CQE.")
public final class WaitCommand implements Runnable {
    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "wait=N timeout=DURATION")
    List<String> words;

    @Mixin
    JsonOption json;

    public WaitCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        SubmitCommand.WaitArgs args = SubmitCommand.WaitArgs.parse(words, 1);
        session.await(args.count(), args.timeoutNanos());
    }
}
