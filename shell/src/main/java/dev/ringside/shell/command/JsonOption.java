package dev.ringside.shell.command;

import picocli.CommandLine.Option;

/**
 * {@code --json} for every command that prints data. Commands declare it with {@code @Mixin}; the
 * dispatcher sees it matched and switches the session's {@link dev.ringside.shell.session.Output} to
 * JSON lines for that one command, so the commands only hand results over.
 */
public final class JsonOption {
    public static final String NAME = "--json";

    @Option(names = NAME, description = "print one JSON object per result, a line each (for jq)")
    boolean json;
}
