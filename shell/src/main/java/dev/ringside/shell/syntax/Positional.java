package dev.ringside.shell.syntax;

/**
 * A word of a command that is not {@code name=value}, such as a ring's NAME or a buffer's SIZE.
 *
 * @param label    how usage writes it: NAME, SIZE
 * @param required whether the command refuses to run without it
 * @param repeated whether it takes every further word (only the last)
 */
public record Positional(String label, ValueType type, boolean required, boolean repeated, String doc) {
    public static Positional required(String label, ValueType type, String doc) {
        return new Positional(label, type, true, false, doc);
    }

    public static Positional optional(String label, ValueType type, String doc) {
        return new Positional(label, type, false, false, doc);
    }

    /** Any number of words, the last positional: {@code BUF...}. */
    public static Positional many(String label, ValueType type, String doc) {
        return new Positional(label, type, false, true, doc);
    }

    String usage() {
        return (required ? label : "[" + label + "]") + (repeated ? "..." : "");
    }
}
