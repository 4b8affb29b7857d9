package dev.ringside.shell.command.buf;

import dev.ringside.shell.command.NamedArgs;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Structures;
import dev.ringside.tracer.memory.BufferException;
import dev.ringside.tracer.memory.SessionBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's builders of memory that holds pointers: each pointer is a checked span of a
 * session buffer, and the new buffer remembers what it was built as and which buffers it reaches,
 * so SQEs may point the kernel at it outside unsafe mode (docs/SAFETY.md).
 */
final class StructBuilders {
    private StructBuilders() {
    }

    static final String IOVECS_USAGE = "buf iovecs NAME @BUF[+OFF]:LEN ...";
    static final String MSGHDR_USAGE = "buf msghdr NAME iov=@IOVECS [name=@BUF[+OFF]:LEN] [control=@BUF[+OFF]:LEN] [flags=N]";
    static final String FUTEX_WAITV_USAGE = "buf futex_waitv NAME @BUF[+OFF]:VALUE[:FLAGS] ... (FLAGS default 0x82: U32|PRIVATE)";

    /** {@code @b+4:8}: a buffer, an offset into it, and a number after the colon (a length, a value). */
    private static final Pattern SPAN = Pattern.compile("@([A-Za-z_][A-Za-z0-9_]*)(?:\\+(\\w+))?:(\\w+)(?::(\\w+))?");

    /** One checked span: where it starts, how long it is, and the buffer it lies in. */
    private record Span(SessionBuffer buffer, long address, long length, long extra) {
    }

    private static Span span(Session session, String word, boolean lengthIsExtent, String usage) {
        Matcher m = SPAN.matcher(word);
        if (!m.matches()) {
            throw new ConsoleException("'" + word + "' is not @BUF[+OFF]:N; usage: " + usage, word);
        }
        SessionBuffer b = session.resources().buffer(m.group(1));
        long off = m.group(2) == null ? 0 : NamedArgs.number(m.group(2), "offset");
        long n = NamedArgs.number(m.group(3), "length");
        long extra = m.group(4) == null ? -1 : NamedArgs.number(m.group(4), "flags");
        try {
            b.checkRange(off, lengthIsExtent ? n : 0);
            return new Span(b, b.address(off), n, extra);
        } catch (BufferException e) {
            throw new ConsoleException(word + ": " + e.getMessage(), word);
        }
    }

    private static SessionBuffer create(Session session, String name, byte[] bytes, String layout, int entries,
                                        List<String> pointsInto) {
        session.resources().checkNewName(name);
        SessionBuffer b;
        try {
            b = session.resources().buffers().allocate(name, Math.max(1, bytes.length), BufCommand.DEFAULT_ALIGN);
        } catch (BufferException e) {
            throw new ConsoleException(e.getMessage());
        }
        b.writeBuilt(bytes, new SessionBuffer.Built(layout, entries, pointsInto));
        return b;
    }

    static SessionBuffer iovecs(Session session, List<String> words) {
        NamedArgs args = NamedArgs.parse("buf iovecs", words, List.of());
        String name = args.word(0, IOVECS_USAGE);
        List<Span> spans = new ArrayList<>();
        for (int i = 1; args.optionalWord(i).isPresent(); i++) {
            spans.add(span(session, args.optionalWord(i).get(), true, IOVECS_USAGE));
        }
        if (spans.isEmpty()) {
            throw new ConsoleException("buf iovecs " + name + " needs at least one @BUF:LEN; usage: " + IOVECS_USAGE);
        }
        ByteBuffer out = ByteBuffer.allocate((int) (spans.size() * Structures.IOVEC_SIZE)).order(ByteOrder.nativeOrder());
        spans.forEach(s -> out.putLong(s.address()).putLong(s.length()));
        return create(session, name, out.array(), Structures.IOVECS, spans.size(),
                spans.stream().map(s -> s.buffer().name()).distinct().toList());
    }

    static SessionBuffer msghdr(Session session, List<String> words) {
        NamedArgs args = NamedArgs.parse("buf msghdr", words, List.of("iov", "name", "control", "flags"));
        String name = args.word(0, MSGHDR_USAGE);
        args.noMoreWords(1, MSGHDR_USAGE);
        List<String> reaches = new ArrayList<>();
        long iovAddress = 0;
        long iovLen = 0;
        if (args.has("iov")) {
            String word = args.option("iov").orElseThrow().value();
            SessionBuffer v = session.resources().buffer(word.startsWith("@") ? word.substring(1) : word);
            SessionBuffer.Built built = v.built().filter(x -> x.layout().equals(Structures.IOVECS)).orElseThrow(() ->
                    new ConsoleException("iov=" + word + ": buffer " + v.name() + " was not built by 'buf iovecs'", word));
            iovAddress = v.address(0);
            iovLen = built.entries();
            reaches.add(v.name());
        }
        ByteBuffer out = ByteBuffer.allocate((int) Structures.MSGHDR_SIZE).order(ByteOrder.nativeOrder());
        Span addr = args.option("name").map(a -> span(session, a.value(), true, MSGHDR_USAGE)).orElse(null);
        if (addr != null && addr.length() > Structures.SOCKADDR_MAX) {
            throw new ConsoleException("name=: a sockaddr is at most " + Structures.SOCKADDR_MAX + " bytes, not " + addr.length());
        }
        Span control = args.option("control").map(a -> span(session, a.value(), true, MSGHDR_USAGE)).orElse(null);
        out.putLong(addr == null ? 0 : addr.address()).putInt(addr == null ? 0 : (int) addr.length()).putInt(0);
        out.putLong(iovAddress).putLong(iovLen);
        out.putLong(control == null ? 0 : control.address()).putLong(control == null ? 0 : control.length());
        out.putInt((int) args.number("flags", 0)).putInt(0);
        if (addr != null) {
            reaches.add(addr.buffer().name());
        }
        if (control != null) {
            reaches.add(control.buffer().name());
        }
        return create(session, name, out.array(), Structures.MSGHDR, 1, reaches.stream().distinct().toList());
    }

    /** FUTEX2_SIZE_U32 | FUTEX2_PRIVATE: a 32-bit word, this process only (futex_waitv(2)). */
    private static final long DEFAULT_FUTEX2_FLAGS = 0x82;

    static SessionBuffer futexWaitv(Session session, List<String> words) {
        NamedArgs args = NamedArgs.parse("buf futex_waitv", words, List.of());
        String name = args.word(0, FUTEX_WAITV_USAGE);
        List<Span> spans = new ArrayList<>();
        for (int i = 1; args.optionalWord(i).isPresent(); i++) {
            Span s = span(session, args.optionalWord(i).get(), false, FUTEX_WAITV_USAGE);
            long flags = s.extra() < 0 ? DEFAULT_FUTEX2_FLAGS : s.extra();
            long word = 1L << (flags & 3);
            long off = s.address() - s.buffer().address(0);
            if (word > s.buffer().size() - off) {
                throw new ConsoleException(args.optionalWord(i).get() + ": the futex word is " + word + " bytes, "
                        + (s.buffer().size() - off) + " left in buffer " + s.buffer().name());
            }
            spans.add(new Span(s.buffer(), s.address(), s.length(), flags));
        }
        if (spans.isEmpty()) {
            throw new ConsoleException("buf futex_waitv " + name + " needs at least one @BUF:VALUE; usage: " + FUTEX_WAITV_USAGE);
        }
        ByteBuffer out = ByteBuffer.allocate((int) (spans.size() * Structures.FUTEX_WAITV_SIZE)).order(ByteOrder.nativeOrder());
        // struct futex_waitv { __u64 val; __u64 uaddr; __u32 flags; __u32 __reserved; }
        spans.forEach(s -> out.putLong(s.length()).putLong(s.address()).putInt((int) s.extra()).putInt(0));
        return create(session, name, out.array(), Structures.FUTEX_WAITV, spans.size(),
                spans.stream().map(s -> s.buffer().name()).distinct().toList());
    }
}
