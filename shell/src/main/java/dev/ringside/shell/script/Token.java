package dev.ringside.shell.script;

/**
 * A word of a command line and the 0-based column it starts at, for file:line:column errors;
 * {@code quoted} when some of it was in quotes ({@code let S="5+1"} keeps text as text).
 */
public record Token(String text, int column, boolean quoted) {
    public Token(String text, int column) {
        this(text, column, false);
    }
}
