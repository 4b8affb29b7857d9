package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.SlotUse;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.LibcLayouts;
import dev.ringside.decoders.layout.MemberKind;
import dev.ringside.decoders.layout.TypedStruct;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.memory.SessionBuffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Memory the kernel reads pointers (or fds) from: iovec arrays, msghdrs, futex_waitv arrays, query
 * chains, fd arrays. Outside unsafe mode it must be what the struct builder wrote ({@code struct},
 * {@code buf iovecs|msghdr|futex_waitv}) and not changed through the console since, and every pointer
 * member its declared layout names must still reach, as far as its length member says, into a live
 * session buffer (typed memory it points to in turn likewise): checked at build and again at each submit.
 */
public final class Structures {
    private Structures() {
    }

    public static final String IOVECS = LibcLayouts.IOVEC.name();
    public static final String MSGHDR = LibcLayouts.MSGHDR.name();
    public static final String FUTEX_WAITV = LibcLayouts.FUTEX_WAITV.name();

    public static final long IOVEC_SIZE = LibcLayouts.IOVEC.size();
    public static final long MSGHDR_SIZE = LibcLayouts.MSGHDR.size();
    public static final long FUTEX_WAITV_SIZE = LibcLayouts.FUTEX_WAITV.size();
    /** The most a sockaddr may be: sizeof(struct sockaddr_storage). */
    public static final long SOCKADDR_MAX = 128;
    /** How deep pointers to typed memory are followed (a query chain may point at itself). */
    private static final int MAX_DEPTH = 16;

    /** Refuses memory at {@code off} of {@code b}, {@code extent} bytes, unless it is what {@code holds} needs. */
    static void check(Session session, SlotUse.Holds holds, SessionBuffer b, long off, long extent, String prefix) {
        switch (holds) {
            case DATA -> {
            }
            case FDS -> fds(session, b, off, extent, prefix);
            case IOVECS -> typed(session, LibcLayouts.IOVEC, b, off, extent / IOVEC_SIZE, prefix, 0);
            case MSGHDR -> typed(session, LibcLayouts.MSGHDR, b, off, 1, prefix, 0);
            case FUTEX_WAITV -> typed(session, LibcLayouts.FUTEX_WAITV, b, off, extent / FUTEX_WAITV_SIZE, prefix, 0);
            case ATTR_PI -> throw new ConsoleException(prefix + "the console has no builder for struct io_uring_attr_pi"
                    + " (it holds a pointer), so attr_ptr needs 'set unsafe on'");
        }
    }

    /** How a script builds memory of this type, for the refusals that ask for it. */
    private static String how(TypedStruct type) {
        return switch (type.name()) {
            case "iovec" -> "buf iovecs NAME @BUF:LEN ...";
            case "msghdr" -> "buf msghdr NAME iov=@IOVECS ...";
            case "futex_waitv" -> "buf futex_waitv NAME @BUF:VALUE ...";
            default -> "struct NAME " + type.name() + " ...";
        };
    }

    private static SessionBuffer.Built built(SessionBuffer b, TypedStruct type, String prefix) {
        Optional<SessionBuffer.Built> built = b.built();
        if (built.isEmpty() || !built.get().layout().equals(type.name())) {
            throw new ConsoleException(prefix + "buffer " + b.name() + " was not built by '" + how(type) + "'"
                    + (built.isPresent() ? " (it holds " + built.get().layout() + ")" : " (or was written since)")
                    + ": the kernel would follow whatever pointers its bytes hold; build it with '" + how(type) + "'"
                    + (how(type).startsWith("struct") ? "" : " or 'struct NAME " + type.name() + " ...'") + " or 'set unsafe on'");
        }
        return built.get();
    }

    /** {@code count} structs of {@code type} from {@code off} of {@code b}: built so, and each pointer member reaching live memory. */
    public static void typed(Session session, TypedStruct type, SessionBuffer b, long off, long count, String prefix, int depth) {
        SessionBuffer.Built built = built(b, type, prefix);
        if (off % type.size() != 0 || off / type.size() + count > built.entries()) {
            throw new ConsoleException(prefix + count + " " + type.name() + " entries from offset " + off + " are not among the "
                    + built.entries() + " built into " + b.name());
        }
        if (depth > MAX_DEPTH) {
            throw new ConsoleException(prefix + "pointers to typed memory nest deeper than " + MAX_DEPTH + " (a loop?)");
        }
        MemorySegment m = b.segment();
        for (long i = 0; i < count; i++) {
            int entry = (int) (off / type.size() + i);
            for (LayoutPaths.Field p : type.pointers()) {
                pointer(session, type, m, entry, p, prefix + b.name() + (built.entries() > 1 ? "[" + entry + "]" : "") + "."
                        + p.path() + " ", depth);
            }
        }
    }

    /** One pointer member of entry {@code entry} in {@code bytes}: its span fits a live buffer, typed targets checked in turn. */
    public static void pointer(Session session, TypedStruct type, MemorySegment bytes, int entry, LayoutPaths.Field p, String what) {
        pointer(session, type, bytes, entry, p, what, 0);
    }

    private static void pointer(Session session, TypedStruct type, MemorySegment bytes, int entry, LayoutPaths.Field p,
                                String what, int depth) {
        long base = entry * type.size();
        MemberKind.Pointer kind = (MemberKind.Pointer) type.kind(p.path());
        long address = read(bytes, base, p);
        long length = kind.lengthMember().isEmpty() ? 1 : read(bytes, base, type.field(kind.lengthMember()).orElseThrow());
        Optional<TypedStruct> target = LibcLayouts.named(kind.target());
        switch (kind.unit()) {
            case FUTEX_SIZE -> {
                if (address != 0) {
                    span(session, address, 1L << (length & 3), what);
                }
            }
            case BYTES -> span(session, address, kind.target().equals("sockaddr") ? Math.min(length, SOCKADDR_MAX) : length, what);
            case ENTRIES, ONE -> {
                long count = kind.unit() == MemberKind.Unit.ONE ? (address == 0 ? 0 : 1) : length;
                if (address == 0 && count == 0) {
                    return;
                }
                TypedStruct t = target.orElseThrow();
                SessionBuffer v = owner(session, address, what);
                if (!t.pointers().isEmpty()) {
                    typed(session, t, v, address - v.address(0), count, what + ": ", depth + 1);
                } else {
                    span(session, address, count * t.size(), what);
                }
            }
        }
    }

    private static long read(MemorySegment m, long base, LayoutPaths.Field f) {
        ValueLayout v = (ValueLayout) f.layout();
        long at = base + f.offset();
        long value = v.byteSize() == 8 ? m.get(ValueLayout.JAVA_LONG_UNALIGNED, at) : Integer.toUnsignedLong(m.get(ValueLayout.JAVA_INT_UNALIGNED, at));
        return v.order() == ByteOrder.BIG_ENDIAN ? Long.reverseBytes(value) : value;
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
