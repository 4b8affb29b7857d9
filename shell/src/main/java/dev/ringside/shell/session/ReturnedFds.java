package dev.ringside.shell.session;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which requests put a new fd in the process's table and answer it in res (OPENAT, OPENAT2, SOCKET,
 * ACCEPT, FIXED_FD_INSTALL), and which close one (CLOSE), read from the SQE's bytes: with a file_index the
 * first ones fill a fixed-file slot instead and res is no fd, and CLOSE then closes that slot.
 * One rule for the console, which adopts such an fd as its own, and for export c, which names it in C.
 */
public final class ReturnedFds {
    private ReturnedFds() {
    }

    private static final Set<String> OPENING = Set.of("OPENAT", "OPENAT2", "SOCKET", "ACCEPT", "FIXED_FD_INSTALL");
    private static final long FD = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "fd");
    private static final long FILE_INDEX = LayoutPaths.offset(UapiLayouts.IO_URING_SQE, "file_index");

    /** Whether a CQE of this SQE with {@code res >= 0} is a new fd of this process. */
    public static boolean opens(String opcode, byte[] sqe) {
        return OPENING.contains(opcode) && (opcode.equals("FIXED_FD_INSTALL") || fileIndex(sqe) == 0);
    }

    /** The fd a CLOSE SQE closes (none for a fixed-file slot or another opcode). */
    public static OptionalInt closes(String opcode, byte[] sqe) {
        if (!opcode.equals("CLOSE") || fileIndex(sqe) != 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(MemorySegment.ofArray(sqe).get(ValueLayout.JAVA_INT_UNALIGNED, FD));
    }

    /**
     * A CQE reaped on one of the session's rings: an fd the kernel opened for the session's request is the
     * session's (SqeSafety lets SQEs name it, session end closes it) under {@code NAME.fd} ({@code as=NAME}) or
     * {@code sqeN.fd}; one a CLOSE of the session's closed is forgotten, not closed again at the end.
     */
    static void reaped(Session session, RingCompletion reaped) {
        if (!(reaped.answers() instanceof Attribution.One(Pending.Request r)) || reaped.cqe().res() < 0) {
            return;
        }
        String opcode = r.draft().opcode().name();
        int res = reaped.cqe().res();
        Resources resources = session.resources();
        OptionalInt closed = closes(opcode, r.sqeBytes());
        if (closed.isPresent() && res == 0) {
            resources.fds().stream().filter(f -> f.fd() == closed.getAsInt() && f.what().startsWith(ADOPTED))
                    .forEach(f -> resources.forgetFd(f.name()));
            return;
        }
        if (!opens(opcode, r.sqeBytes())) {
            return;
        }
        // the kernel just handed out this number: an entry still holding it was closed behind the console's back
        resources.fds().stream().filter(f -> f.fd() == res).forEach(f -> resources.forgetFd(f.name()));
        String base = session.captures().nameOf(r.number()).orElse("sqe" + r.number());
        String name = base + ".fd";
        for (int i = 2; taken(resources, name); i++) {
            name = base + ".fd" + i;
        }
        resources.addFd(name, res, ADOPTED + opcode + " #" + r.number() + " on " + reaped.ring());
        FdIdentity.remember(session, res);
        // journaled so export c can name it in the commands after (sys read NAME.fd): the program's own CQE holds its number
        dev.ringside.shell.export.JournalWrites.fdsOpened(session, JOURNALED, java.util.List.of(),
                opcode, java.util.List.of(name), java.util.List.of(res));
        session.output().text("note: fd " + res + " from " + opcode + " #" + r.number() + " is the session's as $" + name
                + " (closed at session end, or by close " + name + ")");
    }

    /** The call an adopted fd is journaled as ({@code Event.FdsOpened}): no call made it, a CQE returned it. */
    public static final String JOURNALED = "returned";

    /** How an adopted fd's description starts. */
    static final String ADOPTED = "returned by ";

    private static boolean taken(Resources resources, String name) {
        return resources.fds().stream().anyMatch(f -> f.name().equals(name));
    }

    private static int fileIndex(byte[] sqe) {
        return MemorySegment.ofArray(sqe).get(ValueLayout.JAVA_INT_UNALIGNED, FILE_INDEX);
    }
}
