package dev.ringside.shell.command.decode;

import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Switch;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.codec.Decoded;
import dev.ringside.decoders.codec.StructTypes;
import dev.ringside.decoders.render.CRenderer;
import dev.ringside.decoders.render.JsonRenderer;
import dev.ringside.shell.session.Output;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringside.decoders.render.TextRenderer;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.InputFiles;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** {@code decode TYPE HEX|@file [--json] [--c] [--profile NAME|FILE]}: bytes as a uapi struct, no ring needed. */
public final class DecodeCommand implements Declared {
    private static final Switch C = new Switch("--c", "", "print C assignments (sqe->member = ...;)");
    private static final Switch PROFILE = new Switch("--profile", "", "NAME|FILE",
            "decode with a profile, e.g. bpf-ext or bpf-ext:opcode=70 (repeatable)");

    static final Syntax SYNTAX = Syntax.of("decode", "Decode bytes as a uapi struct; the hex may be hexdump -C or xxd output.")
            .with(Positional.required("TYPE", new ValueType.Choices("TYPE", s -> {
                        List<String> out = new ArrayList<>(List.of("sqe", "cqe", "params"));
                        out.addAll(StructTypes.names());
                        return out;
                    }), "sqe, cqe, params or any uapi struct name (io_uring_buf_reg)"),
                    Positional.many("HEX", ValueType.Name.TEXT, "the bytes in hex, or @FILE holding them (@- standard input)"))
            .with(C).with(PROFILE).withJson();

    private final Supplier<Catalog> catalog;
    private final PrintWriter out;
    /** Standard input for {@code @-}: only from the command line, where it is not the console's terminal. */
    private final Optional<InputStream> stdin;
    private final BooleanSupplier cancelled;

    public DecodeCommand(Session session) {
        this(session::catalog, session.out(), Optional.empty(), session::cancelled);
    }

    DecodeCommand(Supplier<Catalog> catalog, PrintWriter out, Optional<InputStream> stdin, BooleanSupplier cancelled) {
        this.catalog = catalog;
        this.out = out;
        this.stdin = stdin;
        this.cancelled = cancelled;
    }

    /** {@code ringside decode ...} from the command line: 0 when decoded, 2 with a one-line error. */
    public static int cli(List<String> args, PrintWriter out) {
        return cli(args, out, System.in);
    }

    /** As {@link #cli(List, PrintWriter)}, with {@code @-} reading {@code stdin}. */
    static int cli(List<String> args, PrintWriter out, InputStream stdin) {
        DecodeCommand command = new DecodeCommand(Catalog::builtin, out, Optional.of(stdin), () -> false);
        try {
            if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
                out.print(SYNTAX.help());
                out.flush();
                return args.isEmpty() ? 2 : 0;
            }
            command.run(SYNTAX.parse(args, null));
            out.flush();
            return 0;
        } catch (IllegalArgumentException | ConsoleException e) {
            out.println("ringside decode: " + e.getMessage());
        }
        out.flush();
        return 2;
    }

    private void run(Args args) {
        String type = args.word(0).orElseThrow();
        List<String> hex = args.positionalWords().subList(1, args.positionalWords().size());
        Catalog cat = catalog.get();
        for (String spec : args.switchValues(PROFILE.name())) {
            // --profile is for this decode: it takes the place of the same profile loaded in the session
            String name = ProfileCommand.load(spec, cat).name();
            if (cat.profile(name).isPresent()) {
                cat = cat.withoutProfile(name);
            }
            cat = ProfileCommand.load(spec, cat).applyTo(cat);
        }
        if (hex.isEmpty()) {
            throw new ConsoleException("decode " + type + " needs the bytes: HEX... or @FILE; " + SYNTAX.usage());
        }
        byte[] bytes = bytes(hex);
        if (bytes.length == 0) {
            throw new ConsoleException("no bytes to decode: give them in hex, or @FILE holding hex");
        }
        MemorySegment segment = Arena.ofAuto().allocate(Math.max(1, bytes.length));
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, segment, 0, bytes.length);
        List<Decoded> decoded = StructTypes.decodeAll(type, segment.asSlice(0, bytes.length), cat);
        if (args.json()) {
            // one object a line with "type" first, as every other --json result; several structs are numbered
            for (int i = 0; i < decoded.size(); i++) {
                ObjectNode node = JsonRenderer.tree(decoded.get(i));
                ObjectNode numbered = decoded.size() > 1 ? node.objectNode().put("index", i).setAll(node) : node;
                out.println(Output.line("decode", numbered));
            }
        } else if (args.switched(C.name())) {
            for (Decoded d : decoded) {
                List<String> lines = d.struct().equals("io_uring_sqe") ? CRenderer.sqe(d, cat, "sqe") : CRenderer.struct(d, "s");
                lines.forEach(out::println);
            }
        } else {
            for (int i = 0; i < decoded.size(); i++) {
                Decoded d = decoded.get(i);
                String title = d.struct() + (decoded.size() > 1 ? " #" + i : "")
                        + (d.struct().endsWith(d.title()) ? "" : " " + d.title());
                out.print(TextRenderer.render(new Decoded(d.struct(), title, d.fields())));
            }
        }
        out.flush();
    }

    /** The hex words as typed, or the contents of @FILE (or @- for standard input): hex text, or raw bytes when not text. */
    private byte[] bytes(List<String> hex) {
        if (hex.size() == 1 && hex.getFirst().startsWith("@")) {
            String name = hex.getFirst().substring(1);
            byte[] contents;
            if (name.equals("-")) {
                InputStream in = stdin.orElseThrow(() -> new ConsoleException(
                        "@- reads standard input, from the command line only: ringside decode TYPE @-", hex.getFirst()));
                try {
                    contents = InputFiles.readBounded(in, InputFiles.MAX_DECODE_BYTES, "standard input", "the input to decode",
                            cancelled);
                } catch (IOException e) {
                    throw new ConsoleException("cannot read standard input: " + e.getMessage(), hex.getFirst());
                }
            } else {
                try {
                    contents = InputFiles.read(Path.of(name), InputFiles.MAX_DECODE_BYTES, "the input to decode", cancelled);
                } catch (InputFiles.Refused e) {
                    throw new ConsoleException(e.getMessage(), hex.getFirst());
                }
            }
            return isHexText(contents) ? HexInput.parse(new String(contents, StandardCharsets.US_ASCII)) : contents;
        }
        return HexInput.parse(String.join(" ", hex));
    }

    /** Printable ASCII and white space only: hex as people paste it; any other byte makes the file raw binary. */
    static boolean isHexText(byte[] contents) {
        if (contents.length == 0) {
            return true;
        }
        for (byte b : contents) {
            boolean text = (b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' || b == '\t' || b == '\f';
            if (!text) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }
}
