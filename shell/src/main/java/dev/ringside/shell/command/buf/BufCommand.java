package dev.ringside.shell.command.buf;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.InputFiles;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.session.Resources;
import dev.ringside.shell.session.Output;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Structures;
import dev.ringside.tracer.memory.BufferException;
import dev.ringside.tracer.memory.SessionBuffer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** {@code buf alloc|show|fill|free|list}: named session buffers that SQE fields point at as {@code @name}. */
public final class BufCommand implements Declared {
    /** Default alignment: enough for any struct an SQE points to, and for O_DIRECT-free reads. */
    static final long DEFAULT_ALIGN = 64;

    private final Session session;

    public BufCommand(Session session) {
        this.session = session;
    }

    private static final Option FILL_BYTE = Option.of("fill", new ValueType.Number(-128, 255), "a byte to set every byte to (0..255 or 0x00..0xff)");
    private static final Option TEXT = Option.of("text", ValueType.Name.TEXT, "bytes to write, as UTF-8 text (quotes keep spaces)");
    private static final Option FILE = Option.of("file", ValueType.Name.PATH, "a file whose bytes to write");

    static final Syntax ALLOC = Syntax.of("buf alloc",
                    "Allocate zeroed memory; SIZE may be left out with text= or file=: the buffer is then as big as the contents.")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the buffer's name: addr=@NAME in SQE fields"),
                    Positional.optional("SIZE", new ValueType.Number(0, Long.MAX_VALUE), "bytes"),
                    Positional.optional("pages", new ValueType.Words("pages"), "whole pages of its own (an mmap), for MADVISE"))
            .with(Option.of("align", new ValueType.Number(1, Long.MAX_VALUE), Long.toString(DEFAULT_ALIGN), "alignment in bytes, a power of two"),
                    FILL_BYTE, TEXT, FILE);
    static final Syntax SHOW = Syntax.of("buf show", "Show the bytes of a buffer (hex by default).")
            .with(Positional.required("NAME", ValueType.Name.BUFFER, "a session buffer"),
                    Positional.optional("FORMAT", new ValueType.Words("hex", "text"), "hex or text"))
            .with(Option.of("off", new ValueType.Number(0, Long.MAX_VALUE), "0", "first byte to show"),
                    Option.of("len", new ValueType.Number(0, Long.MAX_VALUE), "bytes to show (to the end by default)"))
            .withJson();
    static final Syntax FILL = Syntax.of("buf fill", "Overwrite part of a buffer with fill=, text= or file=.")
            .with(Positional.required("NAME", ValueType.Name.BUFFER, "a session buffer"))
            .with(FILL_BYTE, TEXT, FILE, Option.of("off", new ValueType.Number(0, Long.MAX_VALUE), "0", "where to start writing"));

    static final Syntax FREE = Syntax.of("buf free", "Free a buffer (refused while a request in flight points into it).")
            .with(Positional.required("NAME", ValueType.Name.BUFFER, "a session buffer"));

    static final Syntax LIST = Syntax.of("buf list", "List the session's buffers.").withJson();

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(ALLOC, this::alloc), new Verb(SHOW, this::show), new Verb(FILL, this::fill),
                new Verb(FREE, this::free), new Verb(StructBuilders.IOVECS, args -> built(StructBuilders.iovecs(session, args))),
                new Verb(StructBuilders.MSGHDR, args -> built(StructBuilders.msghdr(session, args))),
                new Verb(StructBuilders.FUTEX_WAITV, args -> built(StructBuilders.futexWaitv(session, args))),
                new Verb(LIST, this::list));
    }

    @Override
    public String summary() {
        return "Named session buffers that SQE fields point at as @NAME: alloc, show, fill, free, list, and the structs built of them.";
    }

    private void alloc(Args args) {
        String name = args.word(0).orElseThrow();
        // 'pages': whole pages of its own (an mmap), the only memory page-granular operations may touch
        boolean pages = args.word(2).isPresent();
        Resources resources = session.resources();
        resources.checkNewName(name);
        Optional<Long> sizeWord = args.positionalNumber(1);
        Optional<byte[]> contents = contents(args, sizeWord.orElse(SessionBuffer.MAX_SIZE), session);
        if (pages && args.has("align")) {
            throw args.error("align", "a pages buffer is aligned to its page (4096); leave out align=");
        }
        long size = sizeWord
                .or(() -> contents.map(c -> (long) c.length))
                .orElseThrow(() -> new ConsoleException("buf alloc " + name + " needs a SIZE (or text= or file=); "
                        + ALLOC.usage()));
        long align = args.number("align");
        SessionBuffer b = guarded(() -> pages ? resources.buffers().allocatePages(name, size)
                : resources.buffers().allocate(name, size, align));
        try {
            apply(b, args, contents, 0);
        } catch (RuntimeException e) {
            resources.buffers().free(name);
            throw e;
        }
        JournalWrites.bufferAllocated(session, b, 0, written(b, args, contents, 0));
        session.out().println(describe(b));
    }

    private void show(Args args) {
        SessionBuffer b = session.resources().buffer(args.word(0).orElseThrow());
        String format = args.positionalValues().size() > 1 ? (String) args.positionalValues().get(1) : "hex";
        long off = args.number("off");
        long len = args.optionalNumber("len").orElse(Math.max(0, b.size() - off));
        byte[] bytes = guarded(() -> b.read(off, len));
        session.output().result("buf", new BufView(b.name(), b.size(), Output.unsigned(b.address(0)), b.alignment(),
                off, len, HexFormat.of().formatHex(bytes)),
                describe(b) + (off == 0 && len == b.size() ? "" : ", bytes " + off + ".." + (off + len)) + "\n"
                        + (format.equals("text") ? text(bytes) : hexdump(bytes, off)));
    }

    /** buf show as --json shows it: the bytes from off as one hex string; name to alignment as in buf list. */
    record BufView(String name, long size, Number address, long alignment, long off, long len, String hex) {
    }

    private void fill(Args args) {
        SessionBuffer b = session.resources().buffer(args.word(0).orElseThrow());
        if (!args.has("fill") && !args.has("text") && !args.has("file")) {
            throw new ConsoleException("buf fill needs fill=BYTE, text=\"...\" or file=PATH; " + FILL.usage());
        }
        long off = args.number("off");
        Optional<byte[]> contents = contents(args, b.size() - off, session);
        apply(b, args, contents, off);
        JournalWrites.bufferWritten(session, b, off, written(b, args, contents, off));
        session.out().println(describe(b));
    }

    private void free(Args args) {
        String name = args.word(0).orElseThrow();
        Structures.pointedToBy(session, name).ifPresent(built -> {
            throw new ConsoleException("buffer " + name + " is pointed to by " + built.built().orElseThrow().layout() + " "
                    + built.name() + "; free " + built.name() + " first", name);
        });
        refuseWhileDraftsPointAt(name);
        session.resources().freeBuffer(name);
        JournalWrites.bufferFreed(session, name);
        session.out().println("freed buffer " + name);
    }

    /**
     * A draft not yet submitted still holds {@code @name}: the kernel reads the memory only at submit (or later),
     * so freeing it now is the use-after-free IORING_TIMEOUT_IMMEDIATE_ARG was added to avoid.
     */
    private void refuseWhileDraftsPointAt(String name) {
        for (dev.ringside.decoders.catalog.SqeDraft draft : session.drafts()) {
            for (dev.ringside.decoders.catalog.SqeDraft.Assignment a : draft.assignments()) {
                if (a.value() instanceof dev.ringside.decoders.catalog.FieldValue.BufferRef ref && ref.name().equals(name)) {
                    throw new ConsoleException("buffer " + name + " is pointed to by sqe #" + session.number(draft) + " "
                            + draft.opcode().name() + " (" + a.field().name() + "=" + a.text() + "), not yet submitted: the kernel"
                            + " reads it at submit or later, so it must outlive the SQE; 'sqe drop #" + session.number(draft)
                            + "' or point it elsewhere first" + valueInstead(draft, a.field()), name);
                }
            }
        }
    }

    /** TIMEOUT's addr: with IMMEDIATE_ARG the SQE holds the time itself, so no memory has to outlive it. */
    private static String valueInstead(dev.ringside.decoders.catalog.SqeDraft draft, dev.ringside.decoders.catalog.SqeField field) {
        return draft.opcode().fields().stream()
                .filter(f -> f.type() instanceof dev.ringside.decoders.catalog.FieldType.Duration && f.slot().uapiName().equals(field.uapiName()))
                .findFirst()
                .map(f -> " (or give the time in the SQE itself: timeout_flags=IMMEDIATE_ARG " + f.name() + "=...)")
                .orElse("");
    }

    /** The struct builder journaled it (bytes and pointers); this only says what was built. */
    private void built(SessionBuffer b) {
        session.out().println(describe(b));
    }

    private void list(Args args) {
        List<SessionBuffer> all = session.resources().buffers().all();
        if (all.isEmpty()) {
            session.output().text("no buffers; allocate one with '" + ALLOC.usage().substring("usage: ".length()) + "'");
        }
        for (SessionBuffer b : all) {
            Optional<String> user = session.resources().userOf(b.name()).map(f -> f.describe());
            session.output().result("buffer", new BufferView(b.name(), b.size(), Output.unsigned(b.address(0)),
                    b.alignment(), user.orElse(null)), describe(b) + user.map(u -> ", in use by " + u).orElse(""));
        }
    }

    /** A buffer as --json shows it in 'buf list': name, size, address, alignment, the request using it. */
    record BufferView(String name, long size, Number address, long alignment, String inUseBy) {
    }

    /** {@code buffer b: 64 bytes at 0x7f3c..., align 64}. */
    static String describe(SessionBuffer b) {
        return "buffer " + b.name() + ": " + b.size() + " bytes at 0x" + Long.toHexString(b.address(0))
                + ", align " + b.alignment() + (b.ownsPages() ? ", pages of its own" : "")
                + b.built().map(x -> ", " + x.layout() + " (" + x.entries() + ")").orElse("");
    }

    /** The bytes text= or file= stand for, file= at most {@code room} bytes (what the buffer holds); none for fill= or nothing. */
    private static Optional<byte[]> contents(Args args, long room, Session session) {
        int given = (args.has("fill") ? 1 : 0) + (args.has("text") ? 1 : 0) + (args.has("file") ? 1 : 0);
        if (given > 1) {
            throw new ConsoleException("give one of fill=, text= and file=, not several");
        }
        if (args.has("text")) {
            return Optional.of(args.text("text").getBytes(StandardCharsets.UTF_8));
        }
        if (!args.has("file")) {
            return Optional.empty();
        }
        Path path = Path.of(args.text("file"));
        try {
            long limit = Math.max(0, Math.min(room, InputFiles.MAX_FILL_BYTES));
            return Optional.of(InputFiles.read(path, limit, limit == room ? "what the buffer holds from its offset"
                    : "the most file= reads", "file=", session::cancelled));
        } catch (InputFiles.Refused e) {
            throw args.error("file", e.getMessage());
        }
    }

    /** How many bytes from {@code off} {@link #apply} wrote: the rest of the buffer for fill=, the contents' length otherwise. */
    private static long written(SessionBuffer b, Args args, Optional<byte[]> contents, long off) {
        return args.has("fill") ? b.size() - off : contents.map(c -> (long) c.length).orElse(0L);
    }

    private static void apply(SessionBuffer b, Args args, Optional<byte[]> contents, long off) {
        if (args.has("fill")) {
            long value = args.number("fill"); // a byte: its declaration bounds it to -128..255
            guarded(() -> {
                b.fill(off, b.size() - off, (byte) value);
                return null;
            });
        }
        contents.ifPresent(bytes -> guarded(() -> {
            b.write(off, bytes);
            return null;
        }));
    }

    /** Runs a buffer operation; its bounds errors become one-line console errors. */
    private static <T> T guarded(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (BufferException e) {
            throw new ConsoleException(e.getMessage());
        }
    }

    /** Printable ASCII as is, newlines kept, anything else as \xNN. */
    static String text(byte[] bytes) {
        StringBuilder out = new StringBuilder("  \"");
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.append("\"\n").toString();
    }

    /** 16 bytes a line: offset, hex, and the printable characters. */
    static String hexdump(byte[] bytes, long base) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (int off = 0; off < bytes.length; off += 16) {
            int end = Math.min(bytes.length, off + 16);
            String h = hex.formatHex(bytes, off, end);
            StringBuilder chars = new StringBuilder();
            for (int i = off; i < end; i++) {
                int c = bytes[i] & 0xff;
                chars.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            out.append(String.format("  %04x  %-47s  %s%n", base + off, h, chars));
        }
        return out.toString();
    }
}
