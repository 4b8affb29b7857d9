package dev.ringside.shell.command.sqe;

import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Syntax;

import java.util.List;

/** {@code wait [wait=N] [timeout=1s]}: waits, bounded, for completions and prints them. */
public final class WaitCommand implements Declared {
    private final Session session;

    public WaitCommand(Session session) {
        this.session = session;
    }

    private void run(Args args) {
        session.await((int) args.number("wait"), args.number("timeout"));
    }

    static final Syntax SYNTAX = Syntax.of("wait",
                    "Wait for wait=N completions at most timeout=, then print every ready CQE.")
            .with(SubmitCommand.waitOptions("1")).withJson();

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }
}
