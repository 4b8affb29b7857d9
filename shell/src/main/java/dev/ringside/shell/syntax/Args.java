package dev.ringside.shell.syntax;

import dev.ringside.shell.ConsoleException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A line's words as its {@link Syntax} read them: option values (or their defaults), positional words,
 * the switches given ({@code -v}, {@code --json}, by their declared name, with their values), and the
 * other words as typed, in order.
 */
public record Args(Syntax syntax, Map<String, Object> values, Map<String, String> optionWords,
                   List<Object> positionalValues, List<String> positionalWords, Map<String, List<String>> switches,
                   List<String> words) {
    /** The same words, read-only: what a script line was read as, kept for its next run (commands only read Args). */
    public Args frozen() {
        Map<String, List<String>> switched = new java.util.LinkedHashMap<>();
        switches.forEach((name, values) -> switched.put(name, List.copyOf(values)));
        return new Args(syntax, java.util.Collections.unmodifiableMap(values), java.util.Collections.unmodifiableMap(optionWords),
                java.util.Collections.unmodifiableList(positionalValues), List.copyOf(positionalWords),
                java.util.Collections.unmodifiableMap(switched), List.copyOf(words));
    }

    /** Whether the switch named {@code name} (its declared name, not its alias) was given. */
    public boolean switched(String name) {
        return switches.containsKey(name);
    }

    /** The values a valued switch was given, in order ({@code --profile A --profile B}). */
    public List<String> switchValues(String name) {
        return switches.getOrDefault(name, List.of());
    }

    public boolean json() {
        return switches.containsKey(Switch.JSON.name());
    }

    /** Whether the user typed the option (a default does not count). */
    public boolean has(String name) {
        return optionWords.containsKey(name);
    }

    public long number(String name) {
        if (values.get(name) instanceof dev.ringside.shell.command.expect.Comparison c) {
            throw error(name, name + " takes one value here (" + c.describe() + " compares)");
        }
        return (Long) require(name);
    }

    public Optional<Long> optionalNumber(String name) {
        if (values.get(name) instanceof dev.ringside.shell.command.expect.Comparison c) {
            throw error(name, name + " takes one value here (" + c.describe() + " compares)");
        }
        return Optional.ofNullable((Long) values.get(name));
    }

    /** A comparable option as a comparison: {@code res>=0} as typed, {@code res=5} as {@code =5}; empty when not given. */
    public Optional<dev.ringside.shell.command.expect.Comparison> comparison(String name) {
        Object value = values.get(name);
        if (value instanceof dev.ringside.shell.command.expect.Comparison c) {
            return Optional.of(c);
        }
        boolean signed = syntax.option(name).map(Option::signed).orElse(false);
        return value == null ? Optional.empty() : Optional.of(dev.ringside.shell.command.expect.Comparison.equal(name, (Long) value, signed));
    }

    public String text(String name) {
        return (String) require(name);
    }

    public Optional<String> optionalText(String name) {
        return Optional.ofNullable((String) values.get(name));
    }

    public Optional<String> word(int index) {
        return index < positionalWords.size() ? Optional.of(positionalWords.get(index)) : Optional.empty();
    }

    public Optional<Long> positionalNumber(int index) {
        return index < positionalValues.size() ? Optional.of((Long) positionalValues.get(index)) : Optional.empty();
    }

    /** An error pointing at the word that set {@code name}. */
    public ConsoleException error(String name, String message) {
        String word = optionWords.get(name);
        return word == null ? new ConsoleException(message) : new ConsoleException(message, word);
    }

    private Object require(String name) {
        if (syntax.option(name).isEmpty()) {
            throw new IllegalArgumentException(syntax.path() + " declares no option " + name);
        }
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalStateException(syntax.path() + " " + name + " has no default: ask optional*");
        }
        return value;
    }
}
