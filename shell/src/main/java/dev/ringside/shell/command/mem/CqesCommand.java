package dev.ringside.shell.command.mem;

import dev.ringside.shell.command.JsonOption;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.sys.SyscallException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cqes} (or {@code peek}): the completions ready now, printed with the SQEs they answer; never waits. */
@Command(name = "cqes", aliases = "peek", description = {
    "Print the CQEs ready now, without waiting, each with the SQE it answers; they are then checked by expect.",
    "On DEFER_TASKRUN and COOP_TASKRUN rings a non-blocking io_uring_enter(GETEVENTS) first runs the task work that posts them."})
public final class CqesCommand implements Runnable {
    private final Session session;

    @Mixin
    JsonOption json;

    public CqesCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
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
