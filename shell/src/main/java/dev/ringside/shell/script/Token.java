package dev.ringside.shell.script;

/** A word of a command line and the 0-based column it starts at, for file:line:column errors. */
public record Token(String text, int column) {
}
