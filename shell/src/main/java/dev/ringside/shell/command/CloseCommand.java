package dev.ringside.shell.command;

import dev.ringside.shell.export.JournalNotes;
import dev.ringside.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code close p.r} or {@code close p}: close a console fd, or every fd of a pipe or socketpair. */
@Command(name = "close", description = "Close a console fd: close NAME.r (one end) or close NAME (all of its fds).")
public final class CloseCommand implements Runnable {
    private final Session session;

    @Parameters(arity = "1", paramLabel = "NAME")
    String name;

    public CloseCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        session.resources().closeFds(name).forEach(f -> {
            JournalNotes.fdClosed(session, f.name(), f.fd());
            session.out().println("closed $" + f.name() + " (fd " + f.fd() + ")");
        });
    }
}
