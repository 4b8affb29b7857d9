package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.SlotUse;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.memory.SessionBuffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * Memory the kernel reads pointers (or fds) from: iovec arrays, msghdrs, futex_waitv arrays, fd
 * arrays. Outside unsafe mode it must be what a console builder wrote ({@code buf iovecs},
 * {@code buf msghdr}, {@code buf futex_waitv}) and not changed through the console since, and every
 * pointer in it must still reach into a live session buffer: checked again at each submit.
 */
public final class Structures {
    private Structures() {
    }

    public static final String IOVECS = "iovecs";
    public static final String MSGHDR = "msghdr";
    public static final String FUTEX_WAITV = "futex_waitv";

    public static final long IOVEC_SIZE = 16;
    public static final long MSGHDR_SIZE = 56;
    public static final long FUTEX_WAITV_SIZE = 24;
    /** The most a sockaddr may be: sizeof(struct sockaddr_storage). */
    public static final long SOCKADDR_MAX = 128;

    /** Refuses memory at {@code off} of {@code b}, {@code extent} bytes, unless it is what {@code holds} needs. */
    static void check(Session session, SlotUse.Holds holds, SessionBuffer b, long off, long extent, String prefix) {
        switch (holds) {
            case DATA -> {
            }
            case FDS -> fds(session, b, off, extent, prefix);
            case IOVECS -> iovecs(session, b, off, extent / IOVEC_SIZE, prefix);
            case MSGHDR -> msghdr(session, b, off, prefix);
            case FUTEX_WAITV -> futexWaitv(session, b, off, extent / FUTEX_WAITV_SIZE, prefix);
            case ATTR_PI -> throw new ConsoleException(prefix + "the console has no builder for struct io_uring_attr_pi"
                    + " (it holds a pointer), so attr_ptr needs 'set unsafe on'");
        }
    }

    private static SessionBuffer.Built built(SessionBuffer b, String layout, String prefix, String how) {
        Optional<SessionBuffer.Built> built = b.built();
        if (built.isEmpty() || !built.get().layout().equals(layout)) {
            throw new ConsoleException(prefix + "buffer " + b.name() + " was not built by '" + how + "'"
                    + (built.isPresent() ? " (it holds " + built.get().layout() + ")" : " (or was written since)")
                    + ": the kernel would follow whatever pointers its bytes hold; build it with '" + how + "'"
                    + " or 'set unsafe on'");
        }
        return built.get();
    }

    static void iovecs(Session session, SessionBuffer b, long off, long count, String prefix) {
        SessionBuffer.Built built = built(b, IOVECS, prefix, "buf iovecs NAME @BUF:LEN ...");
        if (off % IOVEC_SIZE != 0 || off / IOVEC_SIZE + count > built.entries()) {
            throw new ConsoleException(prefix + count + " iovecs from offset " + off + " are not among the "
                    + built.entries() + " that 'buf iovecs' wrote into " + b.name());
        }
        MemorySegment m = b.segment();
        for (long i = 0; i < count; i++) {
            long at = off + i * IOVEC_SIZE;
            span(session, m.get(ValueLayout.JAVA_LONG_UNALIGNED, at), m.get(ValueLayout.JAVA_LONG_UNALIGNED, at + 8),
                    prefix + b.name() + "[" + (at / IOVEC_SIZE) + "] ");
        }
    }

    private static void msghdr(Session session, SessionBuffer b, long off, String prefix) {
        built(b, MSGHDR, prefix, "buf msghdr NAME iov=@IOVECS ...");
        if (off != 0) {
            throw new ConsoleException(prefix + "point at the start of the msghdr " + b.name() + " (@" + b.name() + ")");
        }
        MemorySegment m = b.segment();
        long name = m.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
        long nameLen = Integer.toUnsignedLong(m.get(ValueLayout.JAVA_INT_UNALIGNED, 8));
        span(session, name, Math.min(nameLen, SOCKADDR_MAX), prefix + b.name() + ".msg_name ");
        long iov = m.get(ValueLayout.JAVA_LONG_UNALIGNED, 16);
        long iovLen = m.get(ValueLayout.JAVA_LONG_UNALIGNED, 24);
        if (iov != 0 || iovLen != 0) {
            SessionBuffer v = owner(session, iov, prefix + b.name() + ".msg_iov ");
            iovecs(session, v, iov - v.address(0), iovLen, prefix + b.name() + ".msg_iov: ");
        }
        span(session, m.get(ValueLayout.JAVA_LONG_UNALIGNED, 32), m.get(ValueLayout.JAVA_LONG_UNALIGNED, 40),
                prefix + b.name() + ".msg_control ");
    }

    private static void futexWaitv(Session session, SessionBuffer b, long off, long count, String prefix) {
        SessionBuffer.Built built = built(b, FUTEX_WAITV, prefix, "buf futex_waitv NAME @BUF:VALUE ...");
        if (off % FUTEX_WAITV_SIZE != 0 || off / FUTEX_WAITV_SIZE + count > built.entries()) {
            throw new ConsoleException(prefix + count + " futex_waitv entries from offset " + off + " are not among the "
                    + built.entries() + " that 'buf futex_waitv' wrote into " + b.name());
        }
        MemorySegment m = b.segment();
        for (long i = 0; i < count; i++) {
            long at = off + i * FUTEX_WAITV_SIZE;
            long uaddr = m.get(ValueLayout.JAVA_LONG_UNALIGNED, at + 8);
            int flags = m.get(ValueLayout.JAVA_INT_UNALIGNED, at + 16);
            if (uaddr != 0) {
                span(session, uaddr, 1L << (flags & 3), prefix + b.name() + "[" + (at / FUTEX_WAITV_SIZE) + "].uaddr ");
            }
        }
    }

    /** FILES_UPDATE's array: each entry an fd of this session, -1 (clear the slot) or IORING_REGISTER_FILES_SKIP. */
    private static void fds(Session session, SessionBuffer b, long off, long extent, String prefix) {
        MemorySegment m = b.segment();
        for (long at = off; at + 4 <= off + extent; at += 4) {
            int fd = m.get(ValueLayout.JAVA_INT_UNALIGNED, at);
            if (fd != -1 && fd != SqeSafety.filesSkip() && !SqeSafety.sessionFd(session, fd)) {
                throw new ConsoleException(prefix + "entry " + ((at - off) / 4) + " of " + b.name() + " is fd " + fd
                        + ", not an fd of this session: use fds the console made, -1 or -2 (skip), or 'set unsafe on'");
            }
        }
    }

    /** A (pointer, length) pair inside some buffer's bytes: 0/0, or wholly inside one live session buffer. */
    static void span(Session session, long address, long length, String what) {
        if (address == 0 && length == 0) {
            return;
        }
        SessionBuffer b = owner(session, address, what);
        long off = address - b.address(0);
        if (length < 0 || length > b.size() - off) {
            throw new ConsoleException(what + "(" + Long.toUnsignedString(length) + " bytes at offset " + off + " of buffer "
                    + b.name() + ") does not fit in its " + b.size() + " bytes; rebuild it or 'set unsafe on'");
        }
    }

    private static SessionBuffer owner(Session session, long address, String what) {
        return session.resources().buffers().owner(address).orElseThrow(() -> new ConsoleException(what + "0x"
                + Long.toHexString(address) + " is not in a live session buffer (freed, or never one): rebuild it"
                + " or 'set unsafe on'"));
    }

    /** The buffers a built buffer's pointers reach: they may not be freed while it exists. */
    public static Optional<SessionBuffer> pointedToBy(Session session, String name) {
        return session.resources().buffers().all().stream()
                .filter(b -> b.built().map(x -> x.pointsInto().contains(name)).orElse(false)).findFirst();
    }
}
