package dev.ringside.shell.syntax;

import java.util.List;
import java.util.Optional;

/**
 * A console command as data: its paths ("ring create", "wait"), each with a {@link Syntax} and the
 * code that runs it. Dispatch, help, {@code --help}, usage errors and Tab completion read these,
 * so no other code lists the command's words.
 */
public interface Declared {
    /** The command's own syntax and its subcommands', each named by its path. */
    List<Verb> verbs();

    /** The first word of its paths. */
    default String name() {
        return names().getFirst();
    }

    /**
     * The first words of its paths, in their order, each once: what the command table finds it by. A command whose
     * syntaxes are costly to build (struct: every type's members) says them without building those at start-up;
     * EveryCommandDeclaredTest checks every command's agree with its syntaxes.
     */
    default List<String> names() {
        return verbs().stream().map(v -> firstWord(v.syntax().path())).distinct().toList();
    }

    /** {@code ring} of {@code ring create}. */
    static String firstWord(String path) {
        int space = path.indexOf(' ');
        return space < 0 ? path : path.substring(0, space);
    }

    /** What the command does, one line for {@code help}: a command of subcommands only says it here. */
    default String summary() {
        return own().map(Syntax::summary).orElseThrow(() ->
                new IllegalStateException(name() + " has only subcommands: declare its summary()"));
    }

    /** The syntax of the name alone ({@code sqe OPCODE}, {@code wait}), when it runs without a subcommand. */
    default Optional<Syntax> own() {
        return verbs().stream().map(Verb::syntax).filter(s -> s.path().equals(name())).findFirst();
    }

    default List<Syntax> syntaxes() {
        return verbs().stream().map(Verb::syntax).toList();
    }
}
