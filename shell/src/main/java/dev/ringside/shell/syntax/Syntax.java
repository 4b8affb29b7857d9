package dev.ringside.shell.syntax;

import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
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
 * @param switches    words such as -v that turn something on
 * @param json        whether it takes --json
 * @param asTyped     whether its name=value words reach the command as typed (in {@link Args#words}): SQE
 *                    fields, which the opcode catalogue parses and names in its errors, and a profile's
 *                    parameters; the options listed are for help and Tab
 * @param refinement  for commands whose options depend on their first word (sqe OPCODE, register KIND):
 *                    the syntax once that word is known
 */
public record Syntax(String path, String summary, List<Positional> positionals, List<Option> options,
                     List<Switch> switches, List<String> notes, boolean json, boolean asTyped,
                     Optional<Function<String, Optional<Syntax>>> refinement) {
    public static Syntax of(String path, String summary) {
        return new Syntax(path, summary, List.of(), List.of(), List.of(), List.of(), false, false, Optional.empty());
    }

    public Syntax with(Positional... more) {
        return new Syntax(path, summary, concat(positionals, more), options, switches, notes, json, asTyped, refinement);
    }

    public Syntax with(Option... more) {
        return new Syntax(path, summary, positionals, concat(options, more), switches, notes, json, asTyped, refinement);
    }

    public Syntax with(List<Option> more) {
        return with(more.toArray(Option[]::new));
    }

    public Syntax note(String... lines) {
        return new Syntax(path, summary, positionals, options, switches, concat(notes, lines), json, asTyped, refinement);
    }

    /** The same words under another path: a command's other name (peek for cqes). */
    public Syntax named(String otherPath) {
        return new Syntax(otherPath, summary, positionals, options, switches, notes, json, asTyped, refinement);
    }

    public Syntax with(Switch more) {
        return new Syntax(path, summary, positionals, options, concat(switches, more), notes, json, asTyped, refinement);
    }

    /** This syntax with its name=value words left to the command as typed (see asTyped). */
    public Syntax optionsAsTyped() {
        return new Syntax(path, summary, positionals, options, switches, notes, json, true, refinement);
    }

    public Syntax withJson() {
        return new Syntax(path, summary, positionals, options, switches, notes, true, asTyped, refinement);
    }

    /** This syntax refined by its first positional word: the completer and help follow it. */
    public Syntax refinedBy(Function<String, Optional<Syntax>> after) {
        return new Syntax(path, summary, positionals, options, switches, notes, json, asTyped, Optional.of(after));
    }

    /**
     * A refinement that reads nothing of the session but its catalogue (sqe OPCODE: the opcode's fields), and
     * whose syntaxes have no refinement of their own: see {@link #readsOnlyCatalog}.
     */
    @FunctionalInterface
    public interface CatalogRefinement extends Function<String, Optional<Syntax>> {
    }

    /** Like {@link #refinedBy}, for a refinement that reads only the session's catalogue. */
    public Syntax refinedByCatalog(CatalogRefinement after) {
        return refinedBy(after);
    }

    /**
     * Whether {@link #parse} reads nothing of the session but its catalogue (a flag set's names): the same words
     * then read the same, while the catalogue is the same, and a script's loop may keep what a line was read as.
     * Every value type parses by itself or by the catalogue ({@link ValueType.Flags}); only a refinement may read
     * more (sqe set #N: the drafts), unless it is a {@link CatalogRefinement}.
     */
    public boolean readsOnlyCatalog() {
        return refinement.isEmpty() || refinement.get() instanceof CatalogRefinement;
    }

    /** The positional the word at {@code index} (counting positional words only) fills. */
    public Optional<Positional> positionalAt(int index) {
        if (index < positionals.size()) {
            return Optional.of(positionals.get(index));
        }
        return positionals.isEmpty() || !positionals.getLast().repeated() ? Optional.empty() : Optional.of(positionals.getLast());
    }

    public Optional<Option> option(String name) {
        for (Option o : options) { // a loop, not a stream: every Args.number asks
            if (o.name().equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    public List<String> optionNames() {
        return options.stream().map(Option::name).toList();
    }

    /** {@code usage: ring create [NAME] [entries=N] ...}. */
    public String usage() {
        StringBuilder out = new StringBuilder("usage: ").append(path);
        positionals.forEach(p -> out.append(' ').append(p.usage()));
        options.stream().filter(Option::inHelp).forEach(o -> out.append(" [").append(o.usage()).append(']'));
        switches.forEach(w -> out.append(" [").append(w.usage()).append(']'));
        if (json) {
            out.append(" [--json]");
        }
        return out.toString();
    }

    /** The page {@code help PATH} and {@code PATH --help} print. */
    public String help() {
        StringBuilder out = new StringBuilder(usage()).append('\n').append("  ").append(summary).append('\n');
        int width = Stream.of(positionals.stream().map(Positional::label), options.stream().filter(Option::inHelp).map(Option::usage),
                        switches.stream().map(Switch::usage)).flatMap(x -> x)
                .mapToInt(String::length).max().orElse(6);
        width = Math.max(width, json ? 6 : 0) + 2;
        for (Positional p : positionals) {
            out.append(String.format("  %-" + width + "s %s%s%n", p.label(), p.doc(), p.required() ? "" : " (optional)"));
        }
        for (Option o : options.stream().filter(Option::inHelp).toList()) {
            out.append(String.format("  %-" + width + "s %s%n", o.usage(), o.describe()));
        }
        for (Switch w : switches) {
            out.append(String.format("  %-" + width + "s %s%n", w.usage(), w.doc()));
        }
        if (json) {
            out.append(String.format("  %-" + width + "s %s%n", Switch.JSON.name(), Switch.JSON.doc()));
        }
        notes.forEach(n -> out.append("  ").append(n).append('\n'));
        return out.toString();
    }

    /**
     * The words after the path read by this declaration; every mistake is a one-line error naming the word.
     * With a refinement, the first positional word picks the syntax the other words are read by; a word
     * it does not know is left to the command, which says what it expected (an unknown opcode).
     */
    public Args parse(List<String> words, Session session) {
        List<String> given = words == null ? List.of() : List.copyOf(words);
        if (refinement.isPresent()) {
            Optional<String> first = given.stream().filter(w -> w.indexOf('=') <= 0 && !isSwitch(w)).findFirst();
            if (first.isPresent()) {
                List<String> rest = new ArrayList<>(given);
                rest.remove(first.get());
                Optional<Syntax> refined = refinement.get().apply(first.get());
                if (refined.isEmpty()) {
                    return new Args(this, Map.of(), Map.of(), List.of(first.get()), List.of(first.get()),
                            Map.of(), given.stream().filter(w -> !isSwitch(w)).toList());
                }
                Syntax chosen = json && !refined.get().json() ? refined.get().withJson() : refined.get();
                Args inner = chosen.parseFlat(rest, session);
                List<Object> values = new ArrayList<>(List.of(first.get()));
                values.addAll(inner.positionalValues());
                List<String> positional = new ArrayList<>(List.of(first.get()));
                positional.addAll(inner.positionalWords());
                List<String> typed = new ArrayList<>(inner.words());
                typed.add(Math.min(given.indexOf(first.get()), typed.size()), first.get());
                return new Args(inner.syntax(), inner.values(), inner.optionWords(), values, positional, inner.switches(), typed);
            }
        }
        return parseFlat(given, session);
    }

    private boolean isSwitch(String word) {
        return json && word.equals(Switch.JSON.name()) || switches.stream().anyMatch(w -> w.matches(word));
    }

    private Args parseFlat(List<String> given, Session session) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, List<String>> switched = new LinkedHashMap<>();
        List<String> typed = new ArrayList<>();
        Map<String, String> optionWords = new LinkedHashMap<>();
        List<Object> positionalValues = new ArrayList<>();
        List<String> positionalWords = new ArrayList<>();
        for (java.util.Iterator<String> words = given.iterator(); words.hasNext(); ) {
            String word = words.next();
            if (isSwitch(word)) {
                Switch w = switches.stream().filter(d -> d.matches(word)).findFirst().orElse(Switch.JSON);
                List<String> switchValues = switched.computeIfAbsent(w.name(), k -> new ArrayList<>());
                if (!w.valueLabel().isEmpty()) {
                    if (!words.hasNext()) {
                        throw new ConsoleException(word + " needs a value: " + w.usage(), word);
                    }
                    switchValues.add(words.next());
                }
                continue;
            }
            typed.add(word);
            if (word.startsWith("--")) {
                throw new ConsoleException(path + " takes no " + word + (switches.isEmpty() && !json ? ""
                        : "; it takes " + String.join(", ", Stream.concat(switches.stream().map(Switch::usage),
                                json ? Stream.of(Switch.JSON.name()) : Stream.empty()).toList())), word);
            }
            int eq = word.indexOf('=');
            int nameEnd = dev.ringside.shell.command.expect.Comparison.nameEnd(word);
            Optional<Option> compared = nameEnd > 0 && !asTyped ? option(word.substring(0, nameEnd)).filter(Option::compares)
                    : Optional.empty();
            if (compared.isPresent() && !(nameEnd == eq && isPlainValue(word.substring(eq + 1)))) {
                Option o = compared.get();
                if (optionWords.containsKey(o.name())) {
                    throw new ConsoleException(o.name() + " is given twice (" + optionWords.get(o.name()) + " and " + word + ")", word);
                }
                try {
                    values.put(o.name(), dev.ringside.shell.command.expect.Comparison.parse(o.name(), word.substring(nameEnd), o.type(),
                            o.signed(), session));
                } catch (ValueException e) {
                    throw new ConsoleException(o.name() + ": " + e.getMessage(), word);
                }
                optionWords.put(o.name(), word);
                continue;
            }
            // res>=0 on a field that does not compare, or on none: name the fields that do
            if (nameEnd > 0 && word.charAt(nameEnd) != '=' && !asTyped && options.stream().anyMatch(Option::compares)) {
                String name = word.substring(0, nameEnd);
                List<String> comparable = options.stream().filter(Option::compares).map(Option::name).toList();
                throw new ConsoleException(option(name).isPresent() ? name + " takes " + name + "=VALUE only; the fields that compare"
                        + " (= != < <= > >=, &MASK) are: " + String.join(", ", comparable)
                        : path + " has no field '" + name + "'" + Values.suggestion(name, comparable) + "; the fields that compare are: "
                        + String.join(", ", comparable), word);
            }
            if (eq <= 0) {
                Positional p = positionalAt(positionalWords.size())
                        .orElseThrow(() -> new ConsoleException("unexpected '" + word + "'; " + usage(), word));
                positionalValues.add(value(path + " " + p.label(), p.type(), word, word, session));
                positionalWords.add(word);
                continue;
            }
            if (asTyped) {
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
                values.put(o.name(), defaultValue(o, session));
            }
        }
        return new Args(this, values, optionWords, positionalValues, positionalWords, switched, typed);
    }

    /** A default of a type that reads no session state, parsed once: submit's timeout=10s is read every pass of a loop. */
    private record Default(ValueType type, String text) {
        // by the type's identity (declared once, as constants): cheaper than the record's own equals on every line
        @Override
        public boolean equals(Object other) {
            return other instanceof Default d && d.type == type && d.text.equals(text);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(type) * 31 + text.hashCode();
        }
    }

    private static final Map<Default, Object> DEFAULTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Object defaultValue(Option o, Session session) {
        String text = o.defaultText().orElseThrow();
        boolean pure = o.type() instanceof ValueType.Number || o.type() instanceof ValueType.Duration
                || o.type() instanceof ValueType.Result || o.type() instanceof ValueType.Words;
        if (!pure) {
            return value(o.name(), o.type(), text, "", session);
        }
        Default key = new Default(o.type(), text);
        Object known = DEFAULTS.get(key);
        if (known == null) {
            known = value(o.name(), o.type(), text, "", session); // a bad default throws each time, as before
            if (DEFAULTS.size() > 256) {
                DEFAULTS.clear(); // types made per call, not declared once: keep it bounded
            }
            DEFAULTS.put(key, known);
        }
        return known;
    }

    /** A value without an alternative or a stray operator: {@code res=-EINVAL} goes to the option's type; {@code res=-EINVAL,-EAGAIN} and {@code res=>0} to Comparison. */
    private static boolean isPlainValue(String text) {
        return !text.contains(",") && (text.isEmpty() || "=!<>&".indexOf(text.charAt(0)) < 0);
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
