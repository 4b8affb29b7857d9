package dev.ringside.shell.export;

import dev.ringside.shell.session.Session;
import dev.ringside.tracer.journal.Event;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** The journal entries that reproducers need, recorded from the places that know them (one call each). */
public final class JournalWrites {
    private JournalWrites() {
    }

    /** A console line ran to its end, or stopped on an error or a failed expectation. */
    public static void commandRan(Session session, String line, boolean succeeded) {
        session.journal().record(new Event.CommandRan(session.journal().now(), line, succeeded));
    }

    /** An {@code expect cqe} check of a ring's completions ("" without a ring) with its filters (null: any) and whether it held. */
    public static void expected(Session session, String ring, Long userData, Long res, Long flags, long timeoutNanos, boolean met) {
        session.journal().record(new Event.Expected(session.journal().now(), ring,
                optional(userData), optional(res), optional(flags), timeoutNanos, met));
    }

    /** {@code expect cqes=N} on a ring ("" without one): how many unchecked completions there were, and whether that was N. */
    public static void expectedCount(Session session, String ring, int count, long timeoutNanos, int got) {
        session.journal().record(new Event.ExpectedCount(session.journal().now(), ring,
                count, timeoutNanos, got, got == count));
    }

    /** {@code expect sq|cq FIELD=VALUE...} on this ring. */
    public static void expectedHeader(Session session, String ring, String which, Map<String, Long> wanted,
                                      long timeoutNanos, boolean met) {
        session.journal().record(new Event.ExpectedHeader(session.journal().now(), ring, which, wanted, timeoutNanos, met));
    }

    /** {@code expect buf NAME}: the bytes wanted at this offset. */
    public static void expectedRefusal(Session session, String command, String naming, String message, boolean met) {
        session.journal().record(new Event.ExpectedRefusal(session.journal().now(), command, naming, message, met));
    }

    public static void expectedBytes(Session session, String buffer, long offset, byte[] bytes, boolean met) {
        session.journal().record(new Event.ExpectedBytes(session.journal().now(), buffer, offset, bytes, met));
    }

    /** A buffer was allocated, then the console wrote {@code length} bytes from {@code offset} into it (none: 0). */
    public static void bufferAllocated(Session session, dev.ringside.tracer.memory.SessionBuffer b, long offset, long length) {
        session.journal().record(new Event.BufferAllocated(session.journal().now(), b.name(), b.size(), b.alignment()));
        bufferWritten(session, b, offset, length);
    }

    /** The console wrote {@code length} bytes from {@code offset} of a buffer: the bytes as they are now. */
    public static void bufferWritten(Session session, dev.ringside.tracer.memory.SessionBuffer b, long offset, long length) {
        if (length > 0) {
            session.journal().record(new Event.BufferWritten(session.journal().now(), b.name(), offset, b.read(offset, length)));
        }
    }

    /** A typed struct's pointer member at {@code offset} of {@code b} holds the address of {@code target}+{@code targetOffset}. */
    public static void bufferPointer(Session session, dev.ringside.tracer.memory.SessionBuffer b, long offset, String target,
                                     long targetOffset) {
        session.journal().record(new Event.BufferPointer(session.journal().now(), b.name(), offset, target, targetOffset));
    }

    public static void bufferFreed(Session session, String name) {
        session.journal().record(new Event.BufferFreed(session.journal().now(), name));
    }

    /** Console fds opened by one call (see {@link Event.FdsOpened}). */
    public static void fdsOpened(Session session, String call, List<Long> args, String path, List<String> names, List<Integer> fds) {
        session.journal().record(new Event.FdsOpened(session.journal().now(), call, args, path, names, fds));
    }

    public static void fdClosed(Session session, String name, int fd) {
        session.journal().record(new Event.FdClosed(session.journal().now(), name, fd));
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
