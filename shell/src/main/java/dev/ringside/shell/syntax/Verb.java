package dev.ringside.shell.syntax;

import java.util.function.Consumer;

/** One declared command path and what runs it with the words its syntax read. */
public record Verb(Syntax syntax, Consumer<Args> action) {
}
