package dev.ringside.shell.repl;

import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.shell.command.RegisterKinds;
import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Resources;
import dev.ringside.shell.session.Session;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Completion that knows where the cursor is: command and subcommand names from the picocli tree,
 * opcode names after {@code sqe}, the draft's field names, and flag names inside {@code field=A|B}.
 */
public final class ConsoleCompleter implements Completer {
    private final Session session;
    private final CommandLine root;

    public ConsoleCompleter(Session session, CommandLine root) {
        this.session = session;
        this.root = root;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        if (index == 0) {
            root.getSubcommands().keySet().forEach(n -> candidates.add(plain(n)));
            Dispatcher.QUIT_WORDS.forEach(n -> candidates.add(plain(n)));
            return;
        }
        String command = words.getFirst().toLowerCase(Locale.ROOT);
        CommandLine cl = root.getSubcommands().get(command);
        if (cl == null) {
            return;
        }
        switch (command) {
            case "sqe" -> completeSqe(words, index, word, cl, candidates);
            case "help" -> {
                if (index == 1) {
                    root.getSubcommands().keySet().forEach(n -> candidates.add(plain(n)));
                    opcodeNames().forEach(n -> candidates.add(plain(n)));
                }
            }
            case "ring" -> {
                if (index == 1) {
                    cl.getSubcommands().keySet().forEach(n -> candidates.add(plain(n)));
                } else if (words.get(1).equals("create")) {
                    completeAssignment(word, Map.of("flags", session.catalog().flags(FlagSets.SETUP)), candidates,
                            List.of("entries", "cq_entries", "flags", "sq_thread_cpu", "sq_thread_idle", "wq"));
                } else {
                    session.rings().keySet().forEach(n -> candidates.add(plain(n)));
                }
            }
            case "expect" -> {
                if (index == 1) {
                    cl.getSubcommands().keySet().forEach(n -> candidates.add(plain(n)));
                } else if (word.startsWith("ring=")) {
                    session.rings().keySet().forEach(n -> candidates.add(plain("ring=" + n)));
                } else {
                    completeAssignment(word, Map.of("flags", session.catalog().flags(FlagSets.CQE)), candidates,
                            List.of("user_data", "res", "flags", "bid", "timeout", "ring"));
                }
            }
            case "register", "unregister" -> completeRegister(command, words, index, word, candidates);
            case "submit", "wait" -> completeAssignment(word, Map.of(), candidates, List.of("wait", "timeout"));
            case "buf" -> {
                if (index == 1) {
                    cl.getSubcommands().keySet().forEach(n -> candidates.add(plain(n)));
                } else if (index == 2 && List.of("show", "fill", "free").contains(words.get(1))) {
                    session.resources().buffers().names().forEach(n -> candidates.add(plain(n)));
                }
            }
            case "close" -> {
                if (index == 1) {
                    session.resources().fds().forEach(f -> candidates.add(plain(f.name())));
                    session.resources().fds().stream().map(Resources.ConsoleFd::group).distinct().forEach(g -> candidates.add(plain(g)));
                }
            }
            case "probe" -> {
                if (index == 1) {
                    List.of("all", "diff").forEach(n -> candidates.add(plain(n)));
                }
            }
            case "set" -> {
                if (index == 1) {
                    candidates.add(plain("unsafe"));
                } else if (index == 2) {
                    List.of("on", "off").forEach(n -> candidates.add(plain(n)));
                }
            }
            default -> {
                if (index == 1) {
                    cl.getSubcommands().keySet().forEach(n -> candidates.add(plain(n)));
                }
            }
        }
    }

    private void completeSqe(List<String> words, int index, String word, CommandLine sqe, List<Candidate> candidates) {
        if (index == 1) {
            opcodeNames().forEach(n -> candidates.add(plain(n)));
            sqe.getSubcommands().keySet().forEach(n -> candidates.add(plain(n)));
            return;
        }
        int eq = word.indexOf('=');
        if (eq > 0 && word.length() > eq + 1 && "@$".indexOf(word.charAt(eq + 1)) >= 0) {
            completeResource(word.substring(0, eq + 1), word.charAt(eq + 1), candidates);
            return;
        }
        Optional<Opcode> op = draftOpcode(words);
        if (op.isEmpty()) {
            return;
        }
        List<SqeField> fields = session.catalog().fieldsOf(op.get());
        Map<String, FlagSet> flagFields = new java.util.LinkedHashMap<>();
        for (SqeField f : fields) {
            if (f.type() instanceof FieldType.Flags(FlagSet set)) {
                flagFields.putIfAbsent(f.name(), set);
            }
        }
        completeAssignment(word, flagFields, candidates, session.catalog().fieldNames(op.get()));
    }

    /**
     * {@code register WHAT}: the kinds, then the kind's {@code name=} options and, where it takes them,
     * buffer or fd names; after {@code arg=@}, {@code fd=$}, {@code ring=} or {@code src_fd=%} the names
     * of buffers, fds and rings.
     */
    private void completeRegister(String command, List<String> words, int index, String word, List<Candidate> candidates) {
        Map<String, RegisterKinds.Spec> kinds = RegisterKinds.of(command);
        if (index == 1) {
            kinds.keySet().forEach(n -> candidates.add(plain(n)));
            return;
        }
        RegisterKinds.Spec kind = kinds.get(words.get(1).toLowerCase(Locale.ROOT));
        if (kind == null) {
            return;
        }
        int eq = word.indexOf('=');
        if (eq > 0) {
            String head = word.substring(0, eq + 1);
            String value = word.substring(eq + 1);
            if (value.startsWith("@") || value.startsWith("$")) {
                completeResource(head, value.charAt(0), candidates);
            } else if (head.equals("ring=")) {
                session.rings().keySet().forEach(n -> candidates.add(new Candidate(head + n, n, null, null, null, null, true)));
            } else if (value.startsWith("%") || head.equals("src_fd=") || head.equals("ring_fd=")) {
                session.rings().keySet().forEach(n -> candidates.add(
                        new Candidate(head + "%" + n, "%" + n, null, null, null, null, true)));
            }
            return;
        }
        if (word.startsWith("@") || kind.words() == RegisterKinds.Words.BUFFERS) {
            session.resources().buffers().names().forEach(n -> candidates.add(plain(n)));
        }
        if (word.startsWith("$") || kind.words() == RegisterKinds.Words.FDS) {
            completeResource("", '$', candidates);
        }
        kind.options().forEach(n -> candidates.add(new Candidate(n + "=", n, null, null, null, null, false)));
    }

    /** The opcode the words are about: {@code sqe OPCODE ...}, or the last draft for {@code sqe set}. */
    private Optional<Opcode> draftOpcode(List<String> words) {
        String second = words.get(1);
        if (second.equals("set") || second.equals("unset")) {
            return session.drafts().isEmpty() ? Optional.empty() : Optional.of(session.drafts().getLast().opcode());
        }
        try {
            return Optional.of(session.catalog().opcode(second));
        } catch (ValueException e) {
            return Optional.empty();
        }
    }

    /** After {@code field=@}: buffer names (and their lengths); after {@code field=$}: the console's fds. */
    private void completeResource(String head, char sigil, List<Candidate> candidates) {
        if (sigil == '@') {
            for (String name : session.resources().buffers().names()) {
                candidates.add(new Candidate(head + "@" + name, "@" + name, null, null, null, null, true));
                candidates.add(new Candidate(head + "@" + name + ".len", "@" + name + ".len", null, null, null, null, true));
            }
        } else {
            session.resources().fds().forEach(f -> candidates.add(
                    new Candidate(head + "$" + f.name(), "$" + f.name(), null, f.what(), null, null, true)));
        }
    }

    /** {@code name=} for field names; inside {@code name=A|B} the flag names of that field. */
    private static void completeAssignment(String word, Map<String, FlagSet> flagFields, List<Candidate> candidates,
                                           List<String> names) {
        int eq = word.indexOf('=');
        if (eq < 0) {
            names.forEach(n -> candidates.add(new Candidate(n + "=", n, null, null, null, null, false)));
            return;
        }
        FlagSet set = flagFields.get(word.substring(0, eq));
        if (set == null) {
            return;
        }
        int bar = word.lastIndexOf('|');
        String head = word.substring(0, Math.max(eq, bar) + 1);
        for (String flag : set.names()) {
            candidates.add(new Candidate(head + flag, flag, null, null, null, null, false));
        }
    }

    private List<String> opcodeNames() {
        List<String> out = new ArrayList<>();
        session.catalog().opcodes().forEach(op -> out.add(op.name().toLowerCase(Locale.ROOT)));
        return out;
    }

    private static Candidate plain(String value) {
        return new Candidate(value);
    }
}
