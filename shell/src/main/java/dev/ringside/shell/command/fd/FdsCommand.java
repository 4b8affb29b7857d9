package dev.ringside.shell.command.fd;

import dev.ringside.shell.command.JsonOption;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.Resources;
import dev.ringside.shell.session.FdIdentity;
import dev.ringside.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

/** {@code fds}: the file descriptors the console opened, by the names SQE fields use. */
@Command(name = "fds", description = "List the fds made by pipe, socketpair, eventfd and file open ($NAME.r, $NAME.fd, ...).")
public final class FdsCommand implements Runnable {
    private final Session session;

    @Mixin
    JsonOption json;

    public FdsCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        List<Resources.ConsoleFd> fds = session.resources().fds();
        if (fds.isEmpty()) {
            session.output().text("no fds; make them with pipe, socketpair, eventfd or file open");
        }
        fds.forEach(f -> session.output().result("fd", new FdView(f.name(), f.fd(), f.what()), describe(f)));
    }

    /** An fd as --json shows it: the name SQE fields use ($NAME), the number, what it is. */
    record FdView(String name, int fd, String what) {
    }

    /** An fd a command just opened: the name SQE fields will use ($NAME), its number, what it is. */
    record NewFd(String name, int fd, String what) {
    }

    /** Keeps the fds one call opened under their names, prints each, and journals the call for export c. */
    static void opened(Session session, String call, List<Long> args, String path, List<NewFd> fds) {
        for (NewFd f : fds) {
            session.out().println(describe(session.resources().addFd(f.name(), f.fd(), f.what())));
            FdIdentity.remember(session, f.fd());
        }
        JournalWrites.fdsOpened(session, call, args, path, fds.stream().map(NewFd::name).toList(),
                fds.stream().map(NewFd::fd).toList());
    }

    /** {@code $p.r = fd 6  (read end of pipe p)}. */
    static String describe(Resources.ConsoleFd f) {
        return "$" + f.name() + " = fd " + f.fd() + "  (" + f.what() + ")";
    }
}
