package dev.ringside.shell.command.sys;

import dev.ringside.decoders.layout.LibcLayouts;
import dev.ringside.decoders.layout.TypedStruct;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.Resources;
import dev.ringside.shell.command.expect.Comparison;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.memory.BufferException;
import dev.ringside.tracer.memory.SessionBuffer;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.PlainCalls;
import dev.ringside.tracer.sys.SocketAddress;
import dev.ringside.tracer.sys.SyscallException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code sys write|read|statx|fstat|getsockname|setrlimit|close ...}: plain system calls to cross-check
 * io_uring with, each answering {@code $sys.res}; {@code expect=RES} makes the answer an expectation.
 * Those that fill a struct write it into a session buffer ({@code into=NAME}, made the struct's size).
 */
public final class SysCommand implements Declared {
    /** The alignment buf alloc gives by default. */
    private static final long ALIGN = 64;
    private final Session session;

    public SysCommand(Session session) {
        this.session = session;
    }

    static final Option EXPECT = Option.of("expect", new ValueType.Result(),
            "the answer wanted (a number or -ERRNO; expect=-EPIPE,-EAGAIN one of, expect>=0): a mismatch fails the script as an expect does")
            .comparable();
    static final Option INTO = Option.of("into", ValueType.Name.BUFFER,
            "the session buffer the kernel writes the struct into (made the struct's size when there is none)");
    static final Positional FD = Positional.required("FD", ValueType.Name.FD, "a console fd ($p.w)");

    static final Syntax WRITE = Syntax.of("sys write", "write(2) of text=, hex= or a buffer's bytes to a console fd.")
            .with(FD).with(Option.of("text", ValueType.Name.TEXT, "the bytes as text"),
                    Option.of("hex", ValueType.Name.TEXT, "the bytes in hex"),
                    Option.of("buf", ValueType.Name.BUFFER, "a session buffer to write from (its first len= bytes)"),
                    Option.of("len", ValueType.Number.COUNT, "how many bytes of buf= (all by default)"), EXPECT);
    static final Syntax READ = Syntax.of("sys read", "read(2) from a console fd into a session buffer.")
            .with(FD).with(Option.of("len", ValueType.Number.COUNT, "at most this many bytes (the buffer's size by default)"),
                    INTO, EXPECT);
    static final Syntax STATX = Syntax.of("sys statx",
                    "statx(2) of a path (AT_FDCWD) or of a console fd (AT_EMPTY_PATH) into a struct statx buffer.")
            .with(Positional.required("PATH|FD", ValueType.Name.PATH, "a path, or a console fd ($f.fd)"))
            .with(Option.of("flags", ValueType.Number.ANY, "0", "AT_* flags (AT_EMPTY_PATH is added for an fd)"),
                    Option.of("mask", ValueType.Number.ANY, "0x7ff", "STATX_* mask (STATX_BASIC_STATS by default)"), INTO, EXPECT);
    static final Syntax FSTAT = Syntax.of("sys fstat", "fstat(2) of a console fd into a struct stat buffer.").with(FD).with(INTO, EXPECT);
    static final Syntax GETSOCKNAME = Syntax.of("sys getsockname",
            "getsockname(2) of a console socket into a sockaddr_storage buffer; answers the address length.").with(FD).with(INTO, EXPECT);
    static final Syntax SETRLIMIT = Syntax.of("sys setrlimit",
                    "setrlimit(2) of RLIMIT_NOFILE or RLIMIT_MEMLOCK; the session's end restores the limit it had before.")
            .with(Positional.required("RESOURCE", new ValueType.Words("nofile", "memlock"), "the limit"))
            .with(Option.of("soft", ValueType.Number.ANY, "the soft limit (the current one by default; -1: RLIM_INFINITY)"),
                    Option.of("hard", ValueType.Number.ANY, "the hard limit (the current one by default)"), EXPECT);
    static final Syntax CLOSE = Syntax.of("sys close", "close(2) of a console fd, answering the kernel's result.").with(FD).with(EXPECT);

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(WRITE, this::write), new Verb(READ, this::read), new Verb(STATX, this::statx),
                new Verb(FSTAT, this::fstat), new Verb(GETSOCKNAME, this::getsockname), new Verb(SETRLIMIT, this::setrlimit),
                new Verb(CLOSE, this::close));
    }

    @Override
    public String summary() {
        return "Plain system calls to cross-check io_uring with (write, read, statx, fstat, getsockname, setrlimit, close): "
                + "each answers $sys.res, expect= checks it.";
    }

    private Optional<Comparison> expected(Args args) {
        return args.comparison("expect");
    }

    private void write(Args args) {
        Resources.ConsoleFd fd = FdWords.fd(session, args.word(0).orElseThrow());
        byte[] bytes = bytes(args);
        PlainCalls.Answer answer;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment from = arena.allocate(Math.max(1, bytes.length)).asSlice(0, bytes.length);
            MemorySegment.copy(bytes, 0, from, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
            answer = PlainCalls.write(fd.fd(), from);
        }
        SysAnswer.answered(session, new SysAnswer.Call("write", "sys write $" + fd.name(), List.of(fd.name()), List.of(), "", bytes, ""),
                answer.result(), answer.message(), expected(args), "");
    }

    /** The bytes of text=, hex= or buf= (one of them). */
    private byte[] bytes(Args args) {
        int given = (args.has("text") ? 1 : 0) + (args.has("hex") ? 1 : 0) + (args.has("buf") ? 1 : 0);
        if (given != 1) {
            throw new ConsoleException("sys write needs one of text=, hex=, buf=; " + WRITE.usage());
        }
        if (args.has("text")) {
            return args.text("text").getBytes(StandardCharsets.UTF_8);
        }
        if (args.has("hex")) {
            try {
                return HexFormat.of().parseHex(args.text("hex"));
            } catch (IllegalArgumentException e) {
                throw args.error("hex", "hex= is not hex bytes: " + e.getMessage());
            }
        }
        SessionBuffer b = session.resources().buffer(args.text("buf"));
        long len = args.optionalNumber("len").orElse(b.size());
        try {
            return b.read(0, len);
        } catch (BufferException e) {
            throw args.error("len", e.getMessage());
        }
    }

    private void read(Args args) {
        Resources.ConsoleFd fd = FdWords.fd(session, args.word(0).orElseThrow());
        String name = args.optionalText("into").orElseThrow(() -> new ConsoleException("sys read needs into=NAME; " + READ.usage()));
        long len = args.optionalNumber("len").orElseGet(() -> session.resources().buffers().find(name).map(SessionBuffer::size)
                .orElse(4096L));
        SessionBuffer b = into(name, len, "bytes");
        if (len > b.size()) {
            throw args.error("len", "len=" + len + " is more than buffer " + name + "'s " + b.size() + " bytes");
        }
        PlainCalls.Answer answer = PlainCalls.read(fd.fd(), b.segment().asSlice(0, len));
        SysAnswer.answered(session, new SysAnswer.Call("read", "sys read $" + fd.name(), List.of(fd.name()), List.of(len), "",
                new byte[0], name), answer.result(), answer.message(), expected(args), "   (into " + name + ")");
    }

    private void statx(Args args) {
        String target = args.word(0).orElseThrow();
        String name = intoName(args, "st");
        SessionBuffer b = into(name, PlainCalls.STATX_SIZE, "statx");
        int mask = (int) args.number("mask");
        int flags = (int) args.number("flags");
        PlainCalls.Answer answer;
        SysAnswer.Call call;
        if (target.startsWith("$")) {
            Resources.ConsoleFd fd = FdWords.fd(session, target);
            answer = PlainCalls.statx(fd.fd(), "", flags | PlainCalls.AT_EMPTY_PATH, mask, b.segment());
            call = new SysAnswer.Call("statx", "sys statx $" + fd.name(), List.of(fd.name()),
                    List.of((long) (flags | PlainCalls.AT_EMPTY_PATH), (long) mask), "", new byte[0], name);
        } else {
            answer = PlainCalls.statx(FdCalls.AT_FDCWD, target, flags, mask, b.segment());
            call = new SysAnswer.Call("statx", "sys statx " + target, List.of(), List.of((long) flags, (long) mask), target,
                    new byte[0], name);
        }
        typed(b, answer.result(), LibcLayouts.STATX);
        SysAnswer.answered(session, call, answer.result(), answer.message(), expected(args), "   (struct statx in " + name + ")");
    }

    private void fstat(Args args) {
        Resources.ConsoleFd fd = FdWords.fd(session, args.word(0).orElseThrow());
        String name = intoName(args, "st");
        SessionBuffer b = into(name, PlainCalls.STAT_SIZE, "stat");
        PlainCalls.Answer answer = PlainCalls.fstat(fd.fd(), b.segment().asSlice(0, PlainCalls.STAT_SIZE));
        typed(b, answer.result(), LibcLayouts.STAT);
        SysAnswer.answered(session, new SysAnswer.Call("fstat", "sys fstat $" + fd.name(), List.of(fd.name()), List.of(), "",
                new byte[0], name), answer.result(), answer.message(), expected(args), "   (struct stat in " + name + ")");
    }

    private void getsockname(Args args) {
        Resources.ConsoleFd fd = FdWords.fd(session, args.word(0).orElseThrow());
        String name = intoName(args, "sa");
        SessionBuffer b = into(name, SocketAddress.STORAGE_SIZE, "sockaddr_storage");
        PlainCalls.Answer answer = PlainCalls.getsockname(fd.fd(), b.segment().asSlice(0, SocketAddress.STORAGE_SIZE));
        String port = answer.result() > 0 ? ", port " + SocketAddress.portOf(b.segment()) : "";
        if (answer.result() > 0) {
            int family = b.segment().get(java.lang.foreign.ValueLayout.JAVA_SHORT, 0);
            typed(b, answer.result(), switch (family) {
                case SocketAddress.AF_INET -> LibcLayouts.SOCKADDR_IN;
                case SocketAddress.AF_INET6 -> LibcLayouts.SOCKADDR_IN6;
                default -> LibcLayouts.SOCKADDR_UN;
            });
        }
        SysAnswer.answered(session, new SysAnswer.Call("getsockname", "sys getsockname $" + fd.name(), List.of(fd.name()), List.of(),
                "", new byte[0], name), answer.result(), answer.message(), expected(args), "   (sockaddr in " + name + port + ")");
    }

    private void setrlimit(Args args) {
        String which = (String) args.positionalValues().getFirst();
        int resource = which.equals("nofile") ? PlainCalls.RLIMIT_NOFILE : PlainCalls.RLIMIT_MEMLOCK;
        PlainCalls.Limit now;
        try {
            now = PlainCalls.getrlimit(resource);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        PlainCalls.Limit wanted = new PlainCalls.Limit(args.optionalNumber("soft").orElse(now.soft()),
                args.optionalNumber("hard").orElse(now.hard()));
        session.procs().changingLimit(resource, now);
        PlainCalls.Answer answer = PlainCalls.setrlimit(resource, wanted);
        SysAnswer.answered(session, new SysAnswer.Call("setrlimit", "sys setrlimit " + which, List.of(),
                        List.of((long) resource, wanted.soft(), wanted.hard()), which, new byte[0], ""),
                answer.result(), answer.message(), expected(args), "   (soft " + limit(wanted.soft()) + ", hard " + limit(wanted.hard())
                        + "; was " + limit(now.soft()) + "/" + limit(now.hard()) + ", restored at the session's end)");
    }

    private static String limit(long value) {
        return value == -1 ? "unlimited" : Long.toString(value);
    }

    private void close(Args args) {
        Resources.ConsoleFd fd = FdWords.fd(session, args.word(0).orElseThrow());
        if (fd.name().endsWith(".pidfd") && session.procs().isChild(fd.group())) {
            throw new ConsoleException("$" + fd.name() + " is child " + fd.group() + "'s pidfd, which reaps it: close " + fd.group()
                    + " kills (if it runs), reaps and closes it", args.word(0).get());
        }
        session.resources().forgetFd(fd.name());
        PlainCalls.Answer answer = PlainCalls.close(fd.fd());
        SysAnswer.answered(session, new SysAnswer.Call("close", "sys close $" + fd.name(), List.of(fd.name())),
                answer.result(), answer.message(), expected(args), "");
    }

    private static String intoName(Args args, String fallback) {
        return args.optionalText("into").orElse(fallback);
    }

    /** The buffer named {@code name}, made {@code size} bytes when there is none; too small a one is refused. */
    /**
     * What the kernel wrote is a typed struct from now on, as if struct had built it: {@code struct show},
     * {@code expect struct} and {@code $NAME.FIELD} read it (the bytes stay the kernel's; nothing is journaled,
     * the C program's buffer got the same bytes from the same call).
     */
    private static void typed(SessionBuffer b, long result, TypedStruct type) {
        if (result >= 0 && b.size() >= type.size()) {
            b.writeBuilt(b.read(0, type.size()), new SessionBuffer.Built(type.name(), 1, List.of()));
        }
    }

    private SessionBuffer into(String name, long size, String layout) {
        Optional<SessionBuffer> existing = session.resources().buffers().find(name);
        if (existing.isPresent()) {
            if (existing.get().size() < size) {
                throw new ConsoleException("buffer " + name + " has " + existing.get().size() + " bytes; " + layout + " needs " + size, name);
            }
            session.procs().layout(name, layout);
            return existing.get();
        }
        session.resources().checkNewName(name);
        SessionBuffer b;
        try {
            b = session.resources().buffers().allocate(name, Math.max(1, size), ALIGN);
        } catch (BufferException e) {
            throw new ConsoleException(e.getMessage());
        }
        JournalWrites.bufferAllocated(session, b, 0, 0);
        session.procs().layout(name, layout);
        session.out().println("buffer " + name + ": " + size + " bytes for " + layout);
        return b;
    }
}
