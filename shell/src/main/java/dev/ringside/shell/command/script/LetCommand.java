package dev.ringside.shell.command.script;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.script.Variables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/** {@code let N=4 MSG="hi there"}: script variables, used as {@code $N} or {@code ${N}} anywhere in a later line. */
@Command(name = "let", description = {
    "Set variables: let NAME=VALUE ...; use them as $NAME or $${NAME} anywhere in a later line.",
    "Without arguments, list them. $name.field (with a dot) is a resource reference, not a variable."})
public final class LetCommand implements Runnable {
    private final Variables variables;
    private final PrintWriter out;

    @Parameters(arity = "0..*", paramLabel = "NAME=VALUE")
    List<String> words;

    public LetCommand(Variables variables, PrintWriter out) {
        this.variables = variables;
        this.out = out;
    }

    @Override
    public void run() {
        if (words == null || words.isEmpty()) {
            if (variables.all().isEmpty()) {
                out.println("no variables; set one with 'let NAME=VALUE'");
            }
            variables.all().forEach((name, value) -> out.println(name + "=" + value));
            return;
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new ConsoleException("let takes NAME=VALUE, got '" + word + "'", word);
            }
            variables.set(word.substring(0, eq), word.substring(eq + 1));
        }
    }
}
