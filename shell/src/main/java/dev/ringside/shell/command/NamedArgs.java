package dev.ringside.shell.command;

import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words of a resource command split into positional words and {@code name=value} options,
 * each option checked against the names the command takes.
 */
final class NamedArgs {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, Assignment> options = new LinkedHashMap<>();

    private NamedArgs() {
    }

    static NamedArgs parse(String command, List<String> words, List<String> optionNames) {
        NamedArgs args = new NamedArgs();
        for (String word : words == null ? List.<String>of() : words) {
            if (word.indexOf('=') <= 0) {
                args.positional.add(word);
                continue;
            }
            Assignment a = Assignment.parse(word);
            if (!optionNames.contains(a.name())) {
                throw a.error(command + " has no option '" + a.name() + "'" + Values.suggestion(a.name(), optionNames)
                        + "; valid: " + String.join(", ", optionNames));
            }
            args.options.put(a.name(), a);
        }
        return args;
    }

    /** Positional word {@code index}, or an error saying what was expected there. */
    String word(int index, String usage) {
        if (index >= positional.size()) {
            throw new ConsoleException("usage: " + usage);
        }
        return positional.get(index);
    }

    Optional<String> optionalWord(int index) {
        return index < positional.size() ? Optional.of(positional.get(index)) : Optional.empty();
    }

    void noMoreWords(int count, String usage) {
        if (positional.size() > count) {
            throw new ConsoleException("unexpected '" + positional.get(count) + "'; usage: " + usage, positional.get(count));
        }
    }

    Optional<Assignment> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    /** A numeric option, or {@code otherwise} when absent. */
    long number(String name, long otherwise) {
        Assignment a = options.get(name);
        return a == null ? otherwise : number(a);
    }

    static long number(Assignment a) {
        try {
            return Values.parseLong(a.value());
        } catch (ValueException e) {
            throw a.error(a.name() + ": " + e.getMessage());
        }
    }

    /** A positional number such as a size. */
    static long number(String word, String what) {
        try {
            return Values.parseLong(word);
        } catch (ValueException e) {
            throw new ConsoleException(what + ": " + e.getMessage(), word);
        }
    }
}
