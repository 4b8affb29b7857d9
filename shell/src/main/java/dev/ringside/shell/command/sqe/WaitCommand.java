package dev.ringside.shell.command.sqe;

import dev.ringside.shell.command.JsonOption;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Syntax;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code wait [wait=N] [timeout=1s]}: waits, bounded, for completions and prints them. */
@Command(name = "wait", description = "Wait for wait=N completions (default 1) at most timeout= (default 1s), then print every ready CQE.")
public final class WaitCommand implements Runnable, Declared {
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
        Args args = SYNTAX.parse(words, session);
        session.await((int) args.number("wait"), args.number("timeout"));
    }

    static final Syntax SYNTAX = Syntax.of("wait",
                    "Wait for wait=N completions at most timeout=, then print every ready CQE.")
            .with(SubmitCommand.waitOptions("1")).withJson();

    @Override
    public List<Syntax> syntaxes() {
        return List.of(SYNTAX);
    }
}
