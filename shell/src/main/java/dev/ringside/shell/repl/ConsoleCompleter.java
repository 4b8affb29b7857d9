package dev.ringside.shell.repl;

import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.CommandTable;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.Syntaxes;
import dev.ringside.shell.syntax.ValueType;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Completion read from the commands' declarations ({@link Syntax}): command and subcommand names from
 * the {@link CommandTable}, then the positional word or {@code name=} option the cursor is at, each option with
 * its one-line doc, and the values its type or completion source offers; inside {@code name=A|B} the
 * flag names not yet given. {@code @} and {@code $} start buffer and fd references in any value.
 */
public final class ConsoleCompleter implements Completer {
    private final Session session;
    private final CommandTable table;

    public ConsoleCompleter(Session session, CommandTable table) {
        this.session = session;
        this.table = table;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        if (index == 0) {
            table.names().forEach(n -> candidates.add(plain(n)));
            Dispatcher.QUIT_WORDS.forEach(n -> candidates.add(plain(n)));
            return;
        }
        if (table.command(words.getFirst()).isEmpty()) {
            return;
        }
        if (index == 1) {
            table.subcommands(words.getFirst().toLowerCase(Locale.ROOT)).forEach(n -> candidates.add(plain(n)));
        }
        // read each time: a draft or a loaded profile changes what sqe and register take
        Optional<Syntaxes.Found> found = table.syntaxes().of(words, index);
        if (found.isEmpty()) {
            return;
        }
        Syntax syntax = found.get().syntax();
        List<String> before = words.subList(found.get().pathWords(), index);
        // a refined syntax may be refined again by its own first word (struct NAME, then TYPE)
        while (syntax.refinement().isPresent()) {
            Optional<String> first = before.stream().filter(w -> w.indexOf('=') <= 0).findFirst();
            if (first.isEmpty()) {
                break;
            }
            {
                Optional<Syntax> refined = syntax.refinement().get().apply(first.get());
                if (refined.isEmpty()) {
                    return;
                }
                syntax = refined.get();
                before = before.subList(before.indexOf(first.get()) + 1, before.size());
            }
        }
        complete(syntax, before, word, candidates);
    }

    private void complete(Syntax syntax, List<String> before, String word, List<Candidate> candidates) {
        int eq = word.indexOf('=');
        if (eq > 0) {
            String head = word.substring(0, eq + 1);
            String value = word.substring(eq + 1);
            if (value.startsWith("@") || value.startsWith("$")) {
                resources(head, value.charAt(0), candidates);
                return;
            }
            syntax.option(word.substring(0, eq)).ifPresent(o -> {
                boolean flags = o.type() instanceof ValueType.Flags || o.type() instanceof ValueType.FlagsOf;
                for (String v : o.completion().apply(session, value)) {
                    String shown = flags ? v.substring(v.lastIndexOf('|') + 1) : v;
                    candidates.add(new Candidate(head + v, shown, null, null, null, null, !flags));
                }
            });
            return;
        }
        if (word.startsWith("@") || word.startsWith("$")) {
            resources("", word.charAt(0), candidates);
            return;
        }
        int positionalIndex = (int) before.stream().filter(w -> w.indexOf('=') <= 0).count();
        syntax.positionalAt(positionalIndex).ifPresent(p -> p.type().candidates(session, word).forEach(v ->
                candidates.add(new Candidate(v, v, null, null, null, null, !v.endsWith("/")))));
        Set<String> given = new HashSet<>();
        before.stream().filter(w -> w.indexOf('=') > 0).forEach(w -> given.add(w.substring(0, w.indexOf('='))));
        for (Option o : syntax.options()) {
            if (!given.contains(o.name())) {
                candidates.add(new Candidate(o.name() + "=", o.name(), o.group().isEmpty() ? null : o.group(),
                        o.describe(), null, null, false));
            }
        }
    }

    /** After {@code @}: buffer names (and their lengths); after {@code $}: the console's fds. */
    private void resources(String head, char sigil, List<Candidate> candidates) {
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

    private static Candidate plain(String value) {
        return new Candidate(value);
    }
}
