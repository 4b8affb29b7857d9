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
        return (Long) require(name);
    }

    public Optional<Long> optionalNumber(String name) {
        return Optional.ofNullable((Long) values.get(name));
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
