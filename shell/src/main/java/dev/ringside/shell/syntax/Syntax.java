package dev.ringside.shell.syntax;

import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One command's (or subcommand's) words, declared once: its positional words and {@code name=value}
 * options with their types, defaults and one-line docs. {@link #parse} reads a line's words by it,
 * {@link #help} and {@link #usage} print it, and the completer offers from it.
 *
 * @param path        the words that name it: "ring create", "wait"
 * @param summary     one sentence: what it does
 * @param notes       further lines of help
 * @param json        whether it takes --json
 * @param refinement  for commands whose options depend on their first word (sqe OPCODE, register KIND):
 *                    the syntax once that word is known
 */
public record Syntax(String path, String summary, List<Positional> positionals, List<Option> options,
                     List<String> notes, boolean json, Optional<Function<String, Optional<Syntax>>> refinement) {
    public static Syntax of(String path, String summary) {
        return new Syntax(path, summary, List.of(), List.of(), List.of(), false, Optional.empty());
    }

    public Syntax with(Positional... more) {
        return new Syntax(path, summary, concat(positionals, more), options, notes, json, refinement);
    }

    public Syntax with(Option... more) {
        return new Syntax(path, summary, positionals, concat(options, more), notes, json, refinement);
    }

    public Syntax with(List<Option> more) {
        return with(more.toArray(Option[]::new));
    }

    public Syntax note(String... lines) {
        return new Syntax(path, summary, positionals, options, concat(notes, lines), json, refinement);
    }

    public Syntax withJson() {
        return new Syntax(path, summary, positionals, options, notes, true, refinement);
    }

    /** This syntax refined by its first positional word: the completer and help follow it. */
    public Syntax refinedBy(Function<String, Optional<Syntax>> after) {
        return new Syntax(path, summary, positionals, options, notes, json, Optional.of(after));
    }

    /** The positional the word at {@code index} (counting positional words only) fills. */
    public Optional<Positional> positionalAt(int index) {
        if (index < positionals.size()) {
            return Optional.of(positionals.get(index));
        }
        return positionals.isEmpty() || !positionals.getLast().repeated() ? Optional.empty() : Optional.of(positionals.getLast());
    }

    public Optional<Option> option(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    public List<String> optionNames() {
        return options.stream().map(Option::name).toList();
    }

    /** {@code usage: ring create [NAME] [entries=N] ...}. */
    public String usage() {
        StringBuilder out = new StringBuilder("usage: ").append(path);
        positionals.forEach(p -> out.append(' ').append(p.usage()));
        options.stream().filter(Option::inHelp).forEach(o -> out.append(" [").append(o.usage()).append(']'));
        if (json) {
            out.append(" [--json]");
        }
        return out.toString();
    }

    /** The page {@code help PATH} and {@code PATH --help} print. */
    public String help() {
        StringBuilder out = new StringBuilder(usage()).append('\n').append("  ").append(summary).append('\n');
        int width = Stream.concat(positionals.stream().map(Positional::label), options.stream().filter(Option::inHelp).map(Option::usage))
                .mapToInt(String::length).max().orElse(6);
        width = Math.max(width, json ? 6 : 0) + 2;
        for (Positional p : positionals) {
            out.append(String.format("  %-" + width + "s %s%s%n", p.label(), p.doc(), p.required() ? "" : " (optional)"));
        }
        for (Option o : options.stream().filter(Option::inHelp).toList()) {
            out.append(String.format("  %-" + width + "s %s%n", o.usage(), o.describe()));
        }
        if (json) {
            out.append(String.format("  %-" + width + "s %s%n", "--json", "print one JSON object per result, a line each (for jq)"));
        }
        notes.forEach(n -> out.append("  ").append(n).append('\n'));
        return out.toString();
    }

    /** The words after the path read by this declaration; every mistake is a one-line error naming the word. */
    public Args parse(List<String> words, Session session) {
        List<String> given = words == null ? List.of() : words;
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> optionWords = new LinkedHashMap<>();
        List<Object> positionalValues = new ArrayList<>();
        List<String> positionalWords = new ArrayList<>();
        for (String word : given) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                Positional p = positionalAt(positionalWords.size())
                        .orElseThrow(() -> new ConsoleException("unexpected '" + word + "'; " + usage(), word));
                positionalValues.add(value(path + " " + p.label(), p.type(), word, word, session));
                positionalWords.add(word);
                continue;
            }
            String name = word.substring(0, eq);
            String text = word.substring(eq + 1);
            Option o = option(name).orElseThrow(() -> new ConsoleException(path + " has no option '" + name + "'"
                    + Values.suggestion(name, optionNames()) + "; valid: " + String.join(", ", optionNames()), word));
            if (optionWords.containsKey(name)) {
                throw new ConsoleException(name + " is given twice (" + optionWords.get(name) + " and " + word + ")", word);
            }
            if (text.isEmpty()) {
                throw new ConsoleException(name + " needs a value: " + o.usage(), word);
            }
            values.put(name, value(name, o.type(), text, word, session));
            optionWords.put(name, word);
        }
        for (int i = positionalWords.size(); i < positionals.size(); i++) {
            if (positionals.get(i).required()) {
                throw new ConsoleException(path + " needs " + positionals.get(i).label() + "; " + usage());
            }
        }
        for (Option o : options) {
            if (!values.containsKey(o.name()) && o.defaultText().isPresent()) {
                values.put(o.name(), value(o.name(), o.type(), o.defaultText().get(), "", session));
            }
        }
        return new Args(this, values, optionWords, positionalValues, positionalWords);
    }

    private static Object value(String name, ValueType type, String text, String word, Session session) {
        try {
            return type.parse(text, session);
        } catch (ValueException e) {
            throw new ConsoleException(name + ": " + e.getMessage(), word);
        }
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T> list, T... more) {
        List<T> out = new ArrayList<>(list);
        out.addAll(List.of(more));
        return List.copyOf(out);
    }
}
