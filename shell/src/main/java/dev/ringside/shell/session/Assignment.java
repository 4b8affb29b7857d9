package dev.ringside.shell.session;

import dev.ringside.shell.ConsoleException;

import java.util.ArrayList;
import java.util.List;

/** A {@code name=value} word of a command; {@code word} is the whole word, for error positions. */
public record Assignment(String name, String value, String word) {
    public static Assignment parse(String word) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
            throw new ConsoleException("expected name=value, got '" + word + "'", word);
        }
        return new Assignment(word.substring(0, eq), word.substring(eq + 1), word);
    }

    public static List<Assignment> parseAll(List<String> words) {
        List<Assignment> out = new ArrayList<>();
        words.forEach(w -> out.add(parse(w)));
        return out;
    }

    /** A ConsoleException about this assignment's word. */
    public ConsoleException error(String message) {
        return new ConsoleException(message, word);
    }
}
