package dev.ringside.shell.command.script;

import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.script.Variables;

import java.io.PrintWriter;
import java.util.List;

/** {@code let N=4 MSG="hi there"}: script variables, used as {@code $N} or {@code ${N}} anywhere in a later line. */
public final class LetCommand implements Declared {
    private final Variables variables;
    private final PrintWriter out;

    public LetCommand(Variables variables, PrintWriter out) {
        this.variables = variables;
        this.out = out;
    }

    /** Any NAME=VALUE: the names are the script's own, so they reach run as typed. */
    static final Syntax SYNTAX = Syntax.of("let", "Set variables, used as $NAME or ${NAME} anywhere in a later line; alone, list them.")
            .note("NAME=VALUE ...: e.g. let N=4 MSG=\"hi there\"; $name.field (with a dot) is a resource reference, not a variable.")
            .optionsAsTyped();

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }

    private void run(Args args) {
        if (args.words().isEmpty()) {
            if (variables.all().isEmpty()) {
                out.println("no variables; set one with 'let NAME=VALUE'");
            }
            variables.all().forEach((name, value) -> out.println(name + "=" + value));
            return;
        }
        for (String word : args.words()) {
            int eq = word.indexOf('=');
            variables.set(word.substring(0, eq), word.substring(eq + 1));
        }
    }
}
