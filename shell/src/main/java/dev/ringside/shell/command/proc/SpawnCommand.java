package dev.ringside.shell.command.proc;

import dev.ringside.shell.session.Procs;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.sys.ProcessCalls;
import dev.ringside.tracer.sys.SyscallException;

import java.util.List;

/**
 * {@code spawn NAME PROGRAM [ARGS...]}: a child by posix_spawnp (a JVM cannot fork), {@code $NAME.pid} its pid
 * and {@code $NAME.pidfd} its pidfd; {@code close NAME} kills and reaps it, as the session's end does.
 */
public final class SpawnCommand implements Declared {
    private final Session session;

    public SpawnCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("spawn",
                    "Start PROGRAM ARGS as a child (posix_spawnp; PATH searched without a '/'): $NAME.pid, and its pidfd $NAME.pidfd"
                            + " (for WAITID P_PID / P_PIDFD); close NAME kills (SIGKILL) and reaps it.")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the child's name in the console"),
                    Positional.required("PROGRAM", ValueType.Name.PATH, "the program, e.g. /bin/sh"),
                    Positional.many("ARGS", ValueType.Name.TEXT, "its arguments, as typed (quote one with spaces: \"exit 3\")"))
            .optionsAsTyped()
            .note("e.g. spawn c /bin/sh -c \"exit 3\"; then sqe waitid id=$c.pid idtype=1 options=4 infop=@si");

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }

    private void run(Args args) {
        List<String> words = args.words();
        String name = words.getFirst();
        List<String> argv = words.subList(1, words.size());
        session.resources().checkNewName(name);
        if (session.procs().isChild(name)) {
            throw new ConsoleException("a child named '" + name + "' exists; close " + name + " first", name);
        }
        int pid;
        int pidfd;
        session.out().flush(); // the child shares the console's stdout: what the script printed comes first
        try {
            pid = ProcessCalls.spawn(argv);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage(), argv.getFirst());
        }
        try {
            pidfd = ProcessCalls.pidfdOpen(pid);
        } catch (SyscallException e) {
            // without a pidfd the console cannot kill it safely (the pid may be reused): say so, it is not kept
            throw new ConsoleException(e.getMessage() + "; child pid " + pid + " runs on unsupervised");
        }
        session.procs().spawned(new Procs.Child(name, List.copyOf(argv), pid, pidfd));
        session.resources().addFd(name + ".pidfd", pidfd, "pidfd of child " + name + " (pid " + pid + ")");
        session.out().println("spawned " + name + ": pid " + pid + " ($" + name + ".pid), " + String.join(" ", argv));
        session.out().println("$" + name + ".pidfd = fd " + pidfd + "  (pidfd of child " + name + ")");
    }

    /**
     * Before {@code close NAME}: refused while a second thread is still to write one of those fds; a child is killed
     * if it still runs and reaped, its pidfd then closed by the caller.
     */
    public static void closing(Session session, String name) {
        for (String t : session.procs().threadNames()) {
            var thread = session.procs().thread(t).orElseThrow();
            if (thread.running() && (thread.fd().equals(name) || thread.fd().startsWith(name + "."))) {
                throw new ConsoleException("thread " + t + " is still to write $" + thread.fd() + ": thread join " + t
                        + " before closing it", name);
            }
        }
        String child = name.endsWith(".pidfd") ? name.substring(0, name.length() - ".pidfd".length()) : name;
        if (!session.procs().isChild(child)) {
            return;
        }
        var reaped = session.procs().reap(child);
        session.out().println("child " + child + " (pid " + reaped.pid() + ") " + (reaped.status() < 0
                ? "was reaped already (by a WAITID or a wait)" : reaped.killed() ? "killed (SIGKILL) and reaped"
                : (reaped.exited() ? "had exited " + reaped.status() : "had ended by signal " + reaped.status()) + ", reaped"));
    }
}
