package dev.ringside.shell;

import java.util.Optional;

/**
 * A user-facing error of one command: a single line, printed without a stack trace. It may name
 * the word of the command line it is about, so scripts can report file:line:column.
 */
public class ConsoleException extends RuntimeException {
    private final String word;
    private final int column;

    public ConsoleException(String message) {
        this(message, null, -1);
    }

    /** An error about one word of the line (a name=value assignment, an opcode name). */
    public ConsoleException(String message, String word) {
        this(message, word, -1);
    }

    public ConsoleException(String message, int column) {
        this(message, null, column);
    }

    private ConsoleException(String message, String word, int column) {
        super(message);
        this.word = word;
        this.column = column;
    }

    public Optional<String> word() {
        return Optional.ofNullable(word);
    }

    /** 0-based column in the command line, or -1 when the error is about the whole line. */
    public int column() {
        return column;
    }
}
