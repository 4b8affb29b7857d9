package dev.ringside.shell.command.mem;

import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.syntax.Args;

import java.util.List;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.sys.SyscallException;

/** {@code cqes} (or {@code peek}): the completions ready now, printed with the SQEs they answer; never waits. */
public final class CqesCommand implements Declared {
    private final Session session;

    public CqesCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("cqes",
                    "Print the CQEs ready now, without waiting, each with the SQE it answers; expect then checks them.")
            .note("On DEFER_TASKRUN and COOP_TASKRUN rings a non-blocking io_uring_enter(GETEVENTS) first runs the task work that posts them.",
                    "peek is another name for cqes.")
            .withJson();

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run), new Verb(SYNTAX.named("peek"), this::run));
    }

    private void run(Args args) {
        RingSession rs = session.currentRing();
        Ring ring = rs.ring();
        try {
            // on DEFER_TASKRUN and COOP_TASKRUN rings: a non-blocking enter runs the task work that posts CQEs
            ring.runTaskWork();
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        // the CQ header as it was when the reap began: the journal then has head and tail with the CQEs it printed
        ShownMemory.cq(session, rs.name(), ring.cqHeader(), "cqes");
        if (session.reapAndPrint().isEmpty()) {
            session.output().text("no CQEs ready on " + rs.name());
        }
    }
}
