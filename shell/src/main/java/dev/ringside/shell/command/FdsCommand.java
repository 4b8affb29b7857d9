package dev.ringside.shell.command;

import dev.ringside.shell.session.Resources;
import dev.ringside.shell.session.Session;
import picocli.CommandLine.Command;

import java.util.List;

/** {@code fds}: the file descriptors the console opened, by the names SQE fields use. */
@Command(name = "fds", description = "List the fds made by pipe, socketpair, eventfd and file open ($NAME.r, $NAME.fd, ...).")
public final class FdsCommand implements Runnable {
    private final Session session;

    public FdsCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        List<Resources.ConsoleFd> fds = session.resources().fds();
        if (fds.isEmpty()) {
            session.out().println("no fds; make them with pipe, socketpair, eventfd or file open");
        }
        fds.forEach(f -> session.out().println(describe(f)));
    }

    /** {@code $p.r = fd 6  (read end of pipe p)}. */
    static String describe(Resources.ConsoleFd f) {
        return "$" + f.name() + " = fd " + f.fd() + "  (" + f.what() + ")";
    }
}
