package dev.ringside.shell.syntax;

/**
 * A word that turns something on, such as {@code -v}, declared with its doc like an option; with a
 * {@code valueLabel} it takes the next word as its value ({@code --profile bpf-ext}), and may be repeated.
 */
public record Switch(String name, String alias, String valueLabel, String doc) {
    /** {@code --json}: every command that prints data takes it, so the dispatcher switches the output. */
    public static final Switch JSON = new Switch("--json", "", "", "print one JSON object per result, a line each (for jq)");

    public Switch(String name, String alias, String doc) {
        this(name, alias, "", doc);
    }

    boolean matches(String word) {
        return word.equals(name) || !alias.isEmpty() && word.equals(alias);
    }

    String usage() {
        return (alias.isEmpty() ? name : name + "|" + alias) + (valueLabel.isEmpty() ? "" : " " + valueLabel);
    }
}
