package dev.ringside.shell.command;

import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words of a registration split into positional words and {@code name=value} options,
 * each option checked against the names the command takes.
 */
public final class NamedArgs {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, Assignment> options = new LinkedHashMap<>();

    private NamedArgs() {
    }

    /**
     * Reads the words by a {@link Syntax} of text options, so that register's kinds refuse unknown,
     * repeated and empty options as every declared command does; the kinds convert the values themselves.
     */
    public static NamedArgs parse(String command, List<String> words, List<String> optionNames) {
        Syntax syntax = Syntax.of(command, command)
                .with(Positional.many("WORD", ValueType.Name.TEXT, "a positional word"))
                .with(optionNames.stream().map(n -> Option.of(n, ValueType.Name.TEXT, n)).toList());
        Args parsed = syntax.parse(words, null);
        NamedArgs args = new NamedArgs();
        args.positional.addAll(parsed.positionalWords());
        parsed.optionWords().forEach((name, word) -> args.options.put(name, Assignment.parse(word)));
        return args;
    }

    /** Positional word {@code index}, or an error saying what was expected there. */
    public String word(int index, String usage) {
        if (index >= positional.size()) {
            throw new ConsoleException("usage: " + usage);
        }
        return positional.get(index);
    }

    public Optional<String> optionalWord(int index) {
        return index < positional.size() ? Optional.of(positional.get(index)) : Optional.empty();
    }

    public void noMoreWords(int count, String usage) {
        if (positional.size() > count) {
            throw new ConsoleException("unexpected '" + positional.get(count) + "'; usage: " + usage, positional.get(count));
        }
    }

    public Optional<Assignment> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    /** A numeric option, or {@code otherwise} when absent. */
    public long number(String name, long otherwise) {
        Assignment a = options.get(name);
        return a == null ? otherwise : number(a);
    }

    public static long number(Assignment a) {
        try {
            return Values.parseLong(a.value());
        } catch (ValueException e) {
            throw a.error(a.name() + ": " + e.getMessage());
        }
    }

    /** A positional number such as a size. */
    public static long number(String word, String what) {
        try {
            return Values.parseLong(word);
        } catch (ValueException e) {
            throw new ConsoleException(what + ": " + e.getMessage(), word);
        }
    }
}
