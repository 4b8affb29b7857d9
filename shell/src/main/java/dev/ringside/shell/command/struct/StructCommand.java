package dev.ringside.shell.command.struct;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.LibcLayouts;
import dev.ringside.decoders.layout.MemberKind;
import dev.ringside.decoders.layout.TypedStruct;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Output;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.memory.SessionBuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code struct NAME TYPE[N] FIELD=VALUE ... I.FIELD=VALUE}: a session buffer holding typed structs
 * built from their declared layouts (iovec, msghdr, sockaddr_in, open_how, statx, ...), pointers as
 * checked {@code @BUF[+OFF]}; {@code struct show NAME} decodes one as it is now; {@code $NAME.FIELD}
 * reads a member in later lines.
 */
public final class StructCommand implements Declared {
    private final Session session;

    public StructCommand(Session session) {
        this.session = session;
        session.references().add(new StructReferences(session));
    }

    /** Every member name of every type, for help and Tab (the command parses them per type itself). */
    private static List<Option> memberOptions() {
        Map<String, Option> out = new LinkedHashMap<>();
        for (TypedStruct t : LibcLayouts.all()) {
            for (LayoutPaths.Field f : t.settable()) {
                out.putIfAbsent(f.path(), Option.of(f.path(), describe(t.kind(f.path())), "a member of " + t.name() + ": " + doc(t, f))
                        .tabOnly());
            }
        }
        return List.copyOf(out.values());
    }

    private static ValueType describe(MemberKind kind) {
        return kind instanceof MemberKind.Pointer ? new ValueType.Choices("@BUF[+OFF]",
                s -> s.resources().buffers().names().stream().map(n -> "@" + n).toList()) : ValueType.Name.TEXT;
    }

    private static String doc(TypedStruct t, LayoutPaths.Field f) {
        return switch (t.kind(f.path())) {
            case MemberKind.Pointer p -> "a pointer (@BUF[+OFF]) to " + p.target()
                    + (p.lengthMember().isEmpty() ? "" : ", as far as " + p.lengthMember() + " says");
            case MemberKind.Length l -> "the length of " + l.pointer() + " (a number, @BUF.len or @V.count)";
            case MemberKind.Flags fl -> fl.set().prefix() + "* names or a number";
            case MemberKind.Ipv4 ignored -> "an IPv4 address (127.0.0.1)";
            case MemberKind.Ipv6 ignored -> "an IPv6 address (::1)";
            case MemberKind.Path ignored -> "a path, NUL-terminated";
            default -> f.size() + "-byte number";
        };
    }

    /**
     * The syntaxes, built at the first struct line, help or Tab, not with the console: CREATE lists every member of every
     * libc type (their layouts and docs), which a script without struct does not need.
     */
    private static final class Declarations {
        private static final Pattern TYPE_WORD = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\[(\\d+)])?");

        private static final Positional TYPE = Positional.required("TYPE[N]", new ValueType.Choices("TYPE[N]", s -> LibcLayouts.names()),
                "the struct type, [N] for an array: " + String.join(", ", LibcLayouts.names()));

        /** After NAME: the type word, then (for Tab) that type's own members. */
        private static final Syntax AFTER_NAME = Syntax.of("struct NAME", "Build typed structs in the new buffer NAME.")
                .with(TYPE).with(memberOptions()).optionsAsTyped()
                .refinedBy(word -> {
                    Matcher m = TYPE_WORD.matcher(word);
                    return m.matches() ? LibcLayouts.named(m.group(1)).map(Declarations::members) : Optional.empty();
                });

        /** One type's members, for Tab and help once the type is typed. */
        private static Syntax members(TypedStruct type) {
            List<Option> options = new ArrayList<>();
            type.settable().forEach(f -> options.add(Option.of(f.path(), describe(type.kind(f.path())), doc(type, f))));
            return Syntax.of("struct NAME " + type.name(), type.cType() + " (" + type.header() + "), " + type.size() + " bytes.")
                    .with(options).optionsAsTyped();
        }

        static final Syntax CREATE = Syntax.of("struct",
                        "Build typed structs in a new session buffer from their declared layout: FIELD=VALUE sets every entry, I.FIELD=VALUE entry I (from 0).")
                .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the new buffer's name: @NAME in SQE fields"), TYPE)
                .with(memberOptions())
                .optionsAsTyped()
                .refinedBy(word -> Optional.of(AFTER_NAME))
                .note("Pointers take @BUF or @BUF+OFF and must fit their buffer as far as their length member says; a pointer set",
                        "without its length reaches the rest of its buffer. Lengths take @BUF.len, counts @V.count.",
                        "Each type's members: Tab after TYPE, or docs/SCRIPTS.md §5.",
                        "e.g. struct v iovec[2] 0.iov_base=@a 0.iov_len=4 1.iov_base=@b  |  struct sa sockaddr_in sin_family=INET sin_port=8080 sin_addr=127.0.0.1");

        static final Syntax SHOW = Syntax.of("struct show", "Decode a typed struct buffer as it is now (after the kernel wrote it, too).")
                .with(Positional.required("NAME", ValueType.Name.BUFFER, "a buffer built by struct"))
                .withJson();
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(Declarations.CREATE, this::create), new Verb(Declarations.SHOW, this::show));
    }

    /** Its one name, said without building its syntaxes (EveryCommandDeclaredTest: the same as theirs). */
    @Override
    public List<String> names() {
        return List.of("struct");
    }

    @Override
    public String summary() {
        return "Typed structs (iovec, msghdr, sockaddr_*, open_how, statx, epoll_event, futex_waitv, siginfo, query) in session buffers.";
    }

    private void create(Args args) {
        String name = args.word(0).orElseThrow();
        String typeWord = args.word(1).orElseThrow();
        Matcher m = Declarations.TYPE_WORD.matcher(typeWord);
        if (!m.matches()) {
            throw new ConsoleException("'" + typeWord + "' is not TYPE or TYPE[N]; types: " + String.join(", ", LibcLayouts.names()), typeWord);
        }
        TypedStruct type = StructBuilder.type(m.group(1));
        int entries = m.group(2) == null ? 1 : parseEntries(m.group(2), typeWord);
        List<StructBuilder.Assignment> assignments = new ArrayList<>();
        for (String word : args.words()) {
            if (word.indexOf('=') > 0) {
                assignments.add(StructBuilder.Assignment.parse(word));
            }
        }
        SessionBuffer b = StructBuilder.create(session, name, type, entries, assignments);
        session.out().println(describe(b, type));
    }

    private static int parseEntries(String digits, String word) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new ConsoleException(word + ": at most " + StructBuilder.MAX_ENTRIES + " entries", word);
        }
    }

    /** {@code struct v: iovec[2], 32 bytes at 0x7f..., points into a, b}. */
    static String describe(SessionBuffer b, TypedStruct type) {
        int n = StructFields.entries(b);
        List<String> reaches = b.built().map(SessionBuffer.Built::pointsInto).orElse(List.of());
        return "struct " + b.name() + ": " + type.name() + (n > 1 ? "[" + n + "]" : "") + ", " + b.size() + " bytes at 0x"
                + Long.toHexString(b.address(0)) + (reaches.isEmpty() ? "" : ", points into " + String.join(", ", reaches));
    }

    private void show(Args args) {
        SessionBuffer b = session.resources().buffer(args.word(0).orElseThrow());
        TypedStruct type = StructFields.typed(session, b);
        int n = StructFields.entries(b);
        List<Map<String, String>> entries = new ArrayList<>();
        StringBuilder text = new StringBuilder(describe(b, type));
        for (int i = 0; i < n; i++) {
            Map<String, String> members = StructFields.entry(session, b, type, i);
            entries.add(members);
            text.append('\n').append(n > 1 ? "  [" + i + "]" : " ");
            members.forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        }
        session.output().result("struct", new StructView(b.name(), type.name(), n, Output.unsigned(b.address(0)), entries),
                text.toString());
    }

    /** struct show as --json shows it: each entry's members as text, pointers as @BUF+OFF. */
    record StructView(String name, String type, int entries, Number address, List<Map<String, String>> members) {
    }

    /** {@code $NAME.FIELD}: entry 0's member; {@code $NAME.count}: the entries. Empty for a name that is no typed struct. */
    private record StructReferences(Session session) implements dev.ringside.shell.session.References.Source {
        @Override
        public Optional<String> resolve(String name, String member) {
            if (!session.resources().buffers().names().contains(name)) {
                return Optional.empty();
            }
            SessionBuffer b = session.resources().buffer(name);
            Optional<TypedStruct> type = StructFields.typeOf(b);
            if (type.isEmpty()) {
                return Optional.empty();
            }
            if (member.equals("count")) {
                return Optional.of(Integer.toString(StructFields.entries(b)));
            }
            LayoutPaths.Field f = StructFields.field(type.get(), member, "$" + name + "." + member);
            return Optional.of(StructFields.value(b, type.get(), 0, f));
        }
    }
}
