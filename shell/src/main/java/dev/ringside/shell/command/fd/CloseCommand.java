package dev.ringside.shell.command.fd;

import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;

import java.util.List;

/** {@code close p.r} or {@code close p}: close a console fd, or every fd of a pipe or socketpair. */
public final class CloseCommand implements Declared {
    private final Session session;

    static final Syntax SYNTAX = Syntax.of("close", "Close a console fd: NAME.r closes one end, NAME all of its fds.")
            .with(Positional.required("NAME", ValueType.Name.FD, "an fd or a group of fds (fds lists them)"));

    public CloseCommand(Session session) {
        this.session = session;
    }

    private void run(Args args) {
        String name = args.word(0).orElseThrow();
        dev.ringside.shell.command.proc.SpawnCommand.closing(session, name); // a child: killed and reaped before its pidfd closes
        session.resources().closeFds(name).forEach(f -> {
            JournalWrites.fdClosed(session, f.name(), f.fd());
            session.out().println("closed $" + f.name() + " (fd " + f.fd() + ")");
        });
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }
}
