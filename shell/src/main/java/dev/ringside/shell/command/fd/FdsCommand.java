package dev.ringside.shell.command.fd;

import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.Resources;
import dev.ringside.shell.session.FdIdentity;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.sys.SyscallException;

import java.util.List;

/** {@code fds}: the file descriptors the console opened, by the names SQE fields use. */
public final class FdsCommand implements Declared {
    private final Session session;

    public FdsCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("fds",
            "List the fds made by pipe, socketpair, eventfd and file open, by the names SQE fields use ($NAME.r, $NAME.fd, ...).").withJson();

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }

    private void run(Args args) {
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
    public record NewFd(String name, int fd, String what) {
    }

    /** A system call that makes fds. */
    @FunctionalInterface
    public interface FdCall<T> {
        T call() throws SyscallException;
    }

    /** What the call made, once the new name is checked free; its failure as a one-line error. */
    public static <T> T make(Session session, String name, FdCall<T> call) {
        session.resources().checkNewName(name);
        try {
            return call.call();
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
    }

    /** Keeps the fds one call opened under their names, prints each, and journals the call for export c. */
    public static void opened(Session session, String call, List<Long> args, String path, List<NewFd> fds) {
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
