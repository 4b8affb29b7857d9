package dev.ringside.shell.command.buf;

import dev.ringside.decoders.layout.LibcLayouts;
import dev.ringside.shell.command.NamedArgs;
import dev.ringside.shell.command.struct.StructBuilder;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Structures;
import dev.ringside.tracer.memory.BufferException;
import dev.ringside.tracer.memory.SessionBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shorthands for the typed structs that hold pointers ({@code buf iovecs v @a:4 @b+2:6} is
 * {@code struct v iovec[2] 0.iov_base=@a 0.iov_len=4 ...}): the spans are checked here with the
 * words as typed, the bytes come from {@link StructBuilder} (docs/SAFETY.md).
 */
final class StructBuilders {
    private StructBuilders() {
    }

    private static final Positional NEW_NAME = Positional.required("NAME", ValueType.Name.NEW_NAME, "the new buffer's name");
    private static final ValueType SPAN_WORD = new ValueType.Choices("@BUF[+OFF]:N",
            s -> s.resources().buffers().names().stream().map(n -> "@" + n + ":").toList());

    static final Syntax IOVECS = Syntax.of("buf iovecs",
                    "Build a struct iovec array in a new buffer from session buffers (READV, WRITEV, SEND_VECTORIZED, msghdr's msg_iov).")
            .with(NEW_NAME, Positional.many("@BUF[+OFF]:LEN", SPAN_WORD, "each iovec: a span of a session buffer"));
    static final Syntax MSGHDR = Syntax.of("buf msghdr", "Build a struct msghdr in a new buffer (SENDMSG, RECVMSG and their _ZC forms).")
            .with(NEW_NAME)
            .with(Option.of("iov", ValueType.Name.BUFFER, "@IOVECS: a buffer built by buf iovecs")
                            .completing((s, typed) -> s.resources().buffers().names().stream().map(n -> "@" + n).toList()),
                    Option.of("name", SPAN_WORD, "@BUF[+OFF]:LEN: the sockaddr"),
                    Option.of("control", SPAN_WORD, "@BUF[+OFF]:LEN: the ancillary data"),
                    Option.of("flags", ValueType.Number.ANY, "0", "msg_flags"));
    static final Syntax FUTEX_WAITV = Syntax.of("buf futex_waitv", "Build a struct futex_waitv array in a new buffer (FUTEX_WAITV).")
            .with(NEW_NAME, Positional.many("@BUF[+OFF]:VALUE[:FLAGS]", SPAN_WORD,
                    "each futex: its word in a session buffer, the value to wait on, FUTEX2_* flags (default 0x82: U32|PRIVATE)"));

    /** {@code @b+4:8}: a buffer, an offset into it, and a number after the colon (a length, a value). */
    private static final Pattern SPAN = Pattern.compile("@([A-Za-z_][A-Za-z0-9_]*)(?:\\+(\\w+))?:(\\w+)(?::(\\w+))?");

    /** One checked span: where it starts, how long it is, and the buffer it lies in. */
    private record Span(SessionBuffer buffer, long address, long length, long extra) {
    }

    private static Span span(Session session, String word, boolean lengthIsExtent, Syntax syntax) {
        Matcher m = SPAN.matcher(word);
        if (!m.matches()) {
            throw new ConsoleException("'" + word + "' is not @BUF[+OFF]:N; " + syntax.usage(), word);
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

    /** {@code @b+8}: the pointer member's value for a span. */
    private static String at(Span s) {
        long off = s.address() - s.buffer().address(0);
        return "@" + s.buffer().name() + (off == 0 ? "" : "+" + off);
    }

    private static StructBuilder.Assignment set(int entry, String member, Object value) {
        String key = (entry < 0 ? "" : entry + ".") + member;
        return new StructBuilder.Assignment(entry, member, value.toString(), key + "=" + value);
    }

    static SessionBuffer iovecs(Session session, Args args) {
        String name = args.word(0).orElseThrow();
        List<Span> spans = new ArrayList<>();
        for (int i = 1; args.word(i).isPresent(); i++) {
            spans.add(span(session, args.word(i).get(), true, IOVECS));
        }
        if (spans.isEmpty()) {
            throw new ConsoleException("buf iovecs " + name + " needs at least one @BUF:LEN; " + IOVECS.usage());
        }
        List<StructBuilder.Assignment> members = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            members.add(set(i, "iov_base", at(spans.get(i))));
            members.add(set(i, "iov_len", spans.get(i).length()));
        }
        return StructBuilder.create(session, name, LibcLayouts.IOVEC, spans.size(), members);
    }

    static SessionBuffer msghdr(Session session, Args args) {
        String name = args.word(0).orElseThrow();
        List<StructBuilder.Assignment> members = new ArrayList<>();
        if (args.has("iov")) {
            String word = args.text("iov");
            SessionBuffer v = session.resources().buffer(word.startsWith("@") ? word.substring(1) : word);
            SessionBuffer.Built built = v.built().filter(x -> x.layout().equals(Structures.IOVECS)).orElseThrow(() ->
                    new ConsoleException("iov=" + word + ": buffer " + v.name() + " was not built by 'buf iovecs'", word));
            members.add(set(-1, "msg_iov", "@" + v.name()));
            members.add(set(-1, "msg_iovlen", built.entries()));
        }
        Span addr = args.optionalText("name").map(a -> span(session, a, true, MSGHDR)).orElse(null);
        if (addr != null && addr.length() > Structures.SOCKADDR_MAX) {
            throw new ConsoleException("name=: a sockaddr is at most " + Structures.SOCKADDR_MAX + " bytes, not " + addr.length());
        }
        if (addr != null) {
            members.add(set(-1, "msg_name", at(addr)));
            members.add(set(-1, "msg_namelen", addr.length()));
        }
        Span control = args.optionalText("control").map(a -> span(session, a, true, MSGHDR)).orElse(null);
        if (control != null) {
            members.add(set(-1, "msg_control", at(control)));
            members.add(set(-1, "msg_controllen", control.length()));
        }
        members.add(set(-1, "msg_flags", args.number("flags")));
        return StructBuilder.create(session, name, LibcLayouts.MSGHDR, 1, members);
    }

    /** FUTEX2_SIZE_U32 | FUTEX2_PRIVATE: a 32-bit word, this process only (futex_waitv(2)). */
    private static final long DEFAULT_FUTEX2_FLAGS = 0x82;

    static SessionBuffer futexWaitv(Session session, Args args) {
        String name = args.word(0).orElseThrow();
        List<Span> spans = new ArrayList<>();
        for (int i = 1; args.word(i).isPresent(); i++) {
            Span s = span(session, args.word(i).get(), false, FUTEX_WAITV);
            long flags = s.extra() < 0 ? DEFAULT_FUTEX2_FLAGS : s.extra();
            long word = 1L << (flags & 3);
            long off = s.address() - s.buffer().address(0);
            if (word > s.buffer().size() - off) {
                throw new ConsoleException(args.word(i).get() + ": the futex word is " + word + " bytes, "
                        + (s.buffer().size() - off) + " left in buffer " + s.buffer().name());
            }
            spans.add(new Span(s.buffer(), s.address(), s.length(), flags));
        }
        if (spans.isEmpty()) {
            throw new ConsoleException("buf futex_waitv " + name + " needs at least one @BUF:VALUE; " + FUTEX_WAITV.usage());
        }
        List<StructBuilder.Assignment> members = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            members.add(set(i, "val", spans.get(i).length()));
            members.add(set(i, "uaddr", at(spans.get(i))));
            members.add(set(i, "flags", spans.get(i).extra()));
        }
        return StructBuilder.create(session, name, LibcLayouts.FUTEX_WAITV, spans.size(), members);
    }
}
