package dev.ringside.shell.command.fd;

import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code close p.r} or {@code close p}: close a console fd, or every fd of a pipe or socketpair. */
@Command(name = "close", description = "Close a console fd: close NAME.r (one end) or close NAME (all of its fds).")
public final class CloseCommand implements Runnable, Declared {
    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "NAME")
    List<String> words;

    static final Syntax SYNTAX = Syntax.of("close", "Close a console fd: NAME.r closes one end, NAME all of its fds.")
            .with(Positional.required("NAME", ValueType.Name.FD, "an fd or a group of fds (fds lists them)"));

    public CloseCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        String name = SYNTAX.parse(words, session).word(0).orElseThrow();
        session.resources().closeFds(name).forEach(f -> {
            JournalWrites.fdClosed(session, f.name(), f.fd());
            session.out().println("closed $" + f.name() + " (fd " + f.fd() + ")");
        });
    }

    @Override
    public List<Syntax> syntaxes() {
        return List.of(SYNTAX);
    }
}
