package dev.ringside.shell.command;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.export.JournalNotes;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.Resources;
import dev.ringside.shell.session.Output;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.memory.BufferException;
import dev.ringside.tracer.memory.SessionBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** {@code buf alloc|show|fill|free|list}: named session buffers that SQE fields point at as {@code @name}. */
@Command(name = "buf", description = {
    "Session buffers for SQEs to point at: addr=@NAME, addr=@NAME+16, len=@NAME.len.",
    "A buffer a request in flight points into cannot be freed; all are freed on exit."})
public final class BufCommand {
    static final String ALLOC_USAGE = "buf alloc NAME SIZE [align=N] [fill=BYTE | text=\"...\" | file=PATH]";
    static final String SHOW_USAGE = "buf show NAME [hex|text] [off=N] [len=N]";
    static final String FILL_USAGE = "buf fill NAME (fill=BYTE | text=\"...\" | file=PATH) [off=N]";
    /** Default alignment: enough for any struct an SQE points to, and for O_DIRECT-free reads. */
    static final long DEFAULT_ALIGN = 64;

    private final Session session;

    public BufCommand(Session session) {
        this.session = session;
    }

    @Command(name = "alloc", description = "Allocate zeroed memory: " + ALLOC_USAGE
            + " (SIZE may be left out with text= or file=: the buffer is then as big as the contents).")
    void alloc(@Parameters(arity = "0..*", paramLabel = "NAME SIZE OPTION=VALUE") List<String> words) {
        NamedArgs args = NamedArgs.parse("buf alloc", words, List.of("align", "fill", "text", "file"));
        String name = args.word(0, ALLOC_USAGE);
        args.noMoreWords(2, ALLOC_USAGE);
        Resources resources = session.resources();
        resources.checkNewName(name);
        Optional<byte[]> contents = contents(args, true);
        long size = args.optionalWord(1).map(w -> NamedArgs.number(w, "SIZE"))
                .or(() -> contents.map(c -> (long) c.length))
                .orElseThrow(() -> new ConsoleException("buf alloc " + name + " needs a SIZE (or text= or file=); usage: "
                        + ALLOC_USAGE));
        long align = args.number("align", DEFAULT_ALIGN);
        SessionBuffer b = guarded(() -> resources.buffers().allocate(name, size, align));
        try {
            apply(b, args, contents, 0);
        } catch (RuntimeException e) {
            resources.buffers().free(name);
            throw e;
        }
        JournalNotes.bufferAllocated(session, b, 0, written(b, args, contents, 0));
        session.out().println(describe(b));
    }

    @Command(name = "show", description = "Show the bytes of a buffer: " + SHOW_USAGE + " (hex by default).")
    void show(@Parameters(arity = "0..*", paramLabel = "NAME [hex|text] OPTION=VALUE") List<String> words,
              @Mixin JsonOption json) {
        NamedArgs args = NamedArgs.parse("buf show", words, List.of("off", "len"));
        SessionBuffer b = session.resources().buffer(args.word(0, SHOW_USAGE));
        String format = args.optionalWord(1).orElse("hex");
        args.noMoreWords(2, SHOW_USAGE);
        if (!format.equals("hex") && !format.equals("text")) {
            throw new ConsoleException("buf show formats are hex and text, not '" + format + "'", format);
        }
        long off = args.number("off", 0);
        long len = args.number("len", Math.max(0, b.size() - off));
        byte[] bytes = guarded(() -> b.read(off, len));
        session.output().result("buf", new BufView(b.name(), b.size(), Output.unsigned(b.address(0)), b.alignment(),
                off, len, HexFormat.of().formatHex(bytes)),
                describe(b) + (off == 0 && len == b.size() ? "" : ", bytes " + off + ".." + (off + len)) + "\n"
                        + (format.equals("text") ? text(bytes) : hexdump(bytes, off)));
    }

    /** buf show as --json shows it: the bytes from off as one hex string; name to alignment as in buf list. */
    record BufView(String name, long size, Number address, long alignment, long off, long len, String hex) {
    }

    @Command(name = "fill", description = "Overwrite part of a buffer: " + FILL_USAGE + ".")
    void fill(@Parameters(arity = "0..*", paramLabel = "NAME OPTION=VALUE") List<String> words) {
        NamedArgs args = NamedArgs.parse("buf fill", words, List.of("fill", "text", "file", "off"));
        SessionBuffer b = session.resources().buffer(args.word(0, FILL_USAGE));
        args.noMoreWords(1, FILL_USAGE);
        if (!args.has("fill") && !args.has("text") && !args.has("file")) {
            throw new ConsoleException("buf fill needs fill=BYTE, text=\"...\" or file=PATH; usage: " + FILL_USAGE);
        }
        Optional<byte[]> contents = contents(args, false);
        long off = args.number("off", 0);
        apply(b, args, contents, off);
        JournalNotes.bufferWritten(session, b, off, written(b, args, contents, off));
        session.out().println(describe(b));
    }

    @Command(name = "free", description = "Free a buffer (refused while a request in flight points into it): buf free NAME.")
    void free(@Parameters(arity = "1", paramLabel = "NAME") String name) {
        session.resources().freeBuffer(name);
        JournalNotes.bufferFreed(session, name);
        session.out().println("freed buffer " + name);
    }

    @Command(name = "list", description = "List the session's buffers.")
    void list(@Mixin JsonOption json) {
        List<SessionBuffer> all = session.resources().buffers().all();
        if (all.isEmpty()) {
            session.output().text("no buffers; allocate one with '" + ALLOC_USAGE + "'");
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
                + ", align " + b.alignment();
    }

    /** The bytes text= or file= stand for; none for fill= or nothing. */
    private static Optional<byte[]> contents(NamedArgs args, boolean allocating) {
        int given = (args.has("fill") ? 1 : 0) + (args.has("text") ? 1 : 0) + (args.has("file") ? 1 : 0);
        if (given > 1) {
            throw new ConsoleException("give one of fill=, text= and file=, not several");
        }
        if (args.has("text")) {
            return Optional.of(args.option("text").orElseThrow().value().getBytes(StandardCharsets.UTF_8));
        }
        Optional<Assignment> file = args.option("file");
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(file.get().value());
        try {
            long size = Files.size(path);
            if (size > SessionBuffer.MAX_SIZE) {
                throw file.get().error(path + " has " + size + " bytes, more than a buffer may hold (" + SessionBuffer.MAX_SIZE + ")");
            }
            return Optional.of(Files.readAllBytes(path));
        } catch (IOException e) {
            throw file.get().error("cannot read " + path + ": " + e.getMessage());
        }
    }

    /** How many bytes from {@code off} {@link #apply} wrote: the rest of the buffer for fill=, the contents' length otherwise. */
    private static long written(SessionBuffer b, NamedArgs args, Optional<byte[]> contents, long off) {
        return args.has("fill") ? b.size() - off : contents.map(c -> (long) c.length).orElse(0L);
    }

    private static void apply(SessionBuffer b, NamedArgs args, Optional<byte[]> contents, long off) {
        Optional<Assignment> fill = args.option("fill");
        if (fill.isPresent()) {
            long value = NamedArgs.number(fill.get());
            if (value < -128 || value > 255) {
                throw fill.get().error("fill takes a byte (0..255 or 0x00..0xff), not " + fill.get().value());
            }
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
