package dev.ringside.shell.command.help;

import dev.ringside.shell.syntax.Args;
import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.FieldSpec;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.syntax.CommandTable;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.Syntaxes;
import dev.ringside.shell.syntax.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

/** {@code help}, {@code help COMMAND}, {@code help OPCODE}, {@code help opcodes}: from the commands' declarations and the catalogue. */
public final class HelpCommand implements Declared {
    private final Session session;
    private final CommandTable table;

    /** Constructs of the script language that are not commands: the runner handles them. */
    static final Map<String, String> SCRIPT_CONSTRUCTS = Map.of(
            "repeat", "repeat N [NAME] { ... }: in scripts, run the lines up to the closing } N times; $NAME counts from 1",
            "include", "include FILE: in scripts, run FILE (relative to the including script) in the same session",
            "comments", "# starts a comment, outside quotes, in scripts and at the prompt");

    public HelpCommand(Session session, CommandTable table) {
        this.session = session;
        this.table = table;
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(Syntax.of("help", "The commands; help COMMAND [SUB]: its usage; help OPCODE: its fields and flags.")
                .with(Positional.optional("TOPIC", new ValueType.Choices("TOPIC", s -> {
                    List<String> out = new ArrayList<>(table.names());
                    out.addAll(ValueType.Name.OPCODE.candidates(s, ""));
                    out.addAll(List.of("opcodes", "quit"));
                    return out;
                }), "a command, an opcode, a capability, or opcodes"),
                        Positional.optional("SUB", new ValueType.Choices("SUB", s -> List.of()), "a subcommand, or sqe's opcode, register's WHAT")),
                this::run));
    }

    private void run(Args args) {
        Syntaxes syntaxes = table.syntaxes();
        List<String> topics = args.positionalWords();
        String topic = args.word(0).orElse(null);
        if (topic == null) {
            session.out().println("commands (help COMMAND for details, help OPCODE for an opcode's fields):");
            for (String name : table.names()) {
                Declared command = table.command(name).orElseThrow();
                session.out().printf("  %-10s %s%n", name, command.name().equals(name) ? command.summary() : "another name for " + command.name());
            }
            session.out().printf("  %-10s %s%n", "quit", "leave the console (Ctrl-D too); every ring is closed");
            session.out().println("in scripts also: repeat N { ... }, include FILE, # comments (help repeat, help include)");
            return;
        }
        if (Dispatcher.QUIT_WORDS.contains(topic.toLowerCase(Locale.ROOT))) {
            session.out().println("quit (or exit, or Ctrl-D): leave the console; every ring is closed and every buffer freed");
            return;
        }
        Optional<Declared> command = table.command(topic);
        if (command.isPresent()) {
            help(syntaxes, command.get(), topics);
            return;
        }
        String scriptOnly = SCRIPT_CONSTRUCTS.get(topic.toLowerCase(Locale.ROOT));
        if (scriptOnly != null) {
            session.out().println(scriptOnly);
            return;
        }
        if (topic.equalsIgnoreCase("opcodes")) {
            for (Opcode op : session.catalog().opcodes()) {
                session.out().printf("  %3d  %-18s %-6s %s%n", op.number(), op.name(), op.since(), op.summary());
            }
            return;
        }
        Opcode op;
        try {
            op = session.catalog().opcode(topic);
        } catch (ValueException e) {
            var capability = dev.ringside.tracer.caps.Capabilities.named(topic);
            if (capability.isPresent()) {
                session.out().print(CapabilityHelp.page(capability.get()));
                return;
            }
            throw new ConsoleException("no command, opcode or capability '" + topic + "'; " + e.getMessage(), topic);
        }
        session.out().print(describe(op));
        dev.ringside.tracer.caps.Capabilities.named(op.cName()).ifPresent(c -> session.out().print(CapabilityHelp.onThisKernel(c)));
    }

    /** help CMD [SUB]: the declared syntax; for a command of subcommands, its summary and each one's usage. */
    private void help(Syntaxes syntaxes, Declared command, List<String> words) {
        String path = String.join(" ", words).toLowerCase(Locale.ROOT);
        Optional<Syntax> declared = syntaxes.find(path);
        if (declared.isPresent()) {
            session.out().print(declared.get().help());
            return;
        }
        Optional<Syntax> refined = words.size() > 1 ? syntaxes.find(words.getFirst())
                .flatMap(Syntax::refinement).flatMap(r -> r.apply(words.get(1))) : Optional.empty();
        if (refined.isPresent()) { // sqe OPCODE --help, register KIND --help: the options that word brings
            session.out().print(refined.get().help());
            return;
        }
        List<String> valid = table.subcommands(command.name());
        if (words.size() > 1) {
            throw new ConsoleException(valid.isEmpty() ? words.getFirst() + " has no subcommands"
                    : "no subcommand '" + words.get(1) + "' of " + words.getFirst() + "; valid: " + String.join(", ", valid), words.get(1));
        }
        session.out().println(command.summary());
        for (String sub : valid) { // each subcommand's usage and what it does; help CMD SUB has its options
            Syntax s = syntaxes.find(path + " " + sub).orElseThrow();
            session.out().println("  " + s.usage().substring("usage: ".length()));
            session.out().println("      " + s.summary());
        }
    }

    /** The flag a field's reading depends on, by name when the opcode declares that flag set. */
    private static String conditionName(Opcode op, FieldSpec.Condition c) {
        return java.util.stream.Stream.concat(op.fields().stream(), Catalog.COMMON_FIELDS.stream())
                .filter(f -> f.slot() == c.slot() && f.type() instanceof FieldType.Flags)
                .map(f -> ((FieldType.Flags) f.type()).set().format(c.mask()))
                .findFirst().orElse("0x" + Long.toHexString(c.mask()));
    }

    /** An opcode's page: number, kernel, summary, then each field with its slot, meaning and flag names. */
    String describe(Opcode op) {
        StringBuilder out = new StringBuilder();
        out.append(op.cName()).append(" (").append(op.number()).append("), since Linux ").append(op.since())
                .append(": ").append(op.summary()).append('\n');
        if (op.fields().isEmpty()) {
            out.append("  no per-opcode field names declared yet: set raw io_uring_sqe members (addr, len, off, ...)\n");
        }
        int width = op.fields().stream().mapToInt(f -> f.name().length() + 2).max().orElse(14);
        for (FieldSpec spec : op.fields()) {
            SqeField f = session.catalog().field(op, spec.name());
            String condition = spec.when().map(c -> (c.expected() ? " [with " : " [without ")
                    + conditionName(op, c) + "]").orElse("");
            String uapi = Catalog.isSqeMember(f.name()) ? "" : "(" + f.uapiName() + ")";
            out.append(String.format("  %-" + width + "s %-" + width + "s %s%s%n", f.name(), uapi, f.doc(), condition));
            // what the safety check holds the slot to (docs/SAFETY.md)
            spec.uses().forEach(use -> out.append(String.format("  %-" + width + "s %-" + width + "s %s%n", "", "",
                    "safety: " + use.describe())));
            if (f.type() instanceof FieldType.Flags(FlagSet set)) {
                out.append(String.format("  %-" + width + "s %-" + width + "s %s: %s%n", "", "", set.prefix() + "*",
                        set.flags().stream().map(Flag::withRelease).collect(java.util.stream.Collectors.joining(" "))));
            }
        }
        out.append("  common fields: user_data, flags (IOSQE_*), fd, ioprio, buf_index, personality; any raw io_uring_sqe member\n");
        return out.toString();
    }
}
