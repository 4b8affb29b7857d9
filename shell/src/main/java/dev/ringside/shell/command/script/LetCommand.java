package dev.ringside.shell.command.script;

import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.script.Arithmetic;
import dev.ringside.shell.script.Token;
import dev.ringside.shell.script.Variables;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@code let N=4 MSG="hi there" B=$N+1}: script variables, used as {@code $N} or {@code ${N}} anywhere in a later
 * line. A value that is an integer expression ({@link Arithmetic}) is stored as its value; any other word, a
 * lone number and a quoted value are stored as typed.
 */
public final class LetCommand implements Declared {
    private final Variables variables;
    private final PrintWriter out;
    /** The words of the line running, as typed, with their columns and whether they were quoted. */
    private final Supplier<List<Token>> line;
    /** A word with its $ and % references expanded, as the dispatcher expands every other line's words. */
    private final UnaryOperator<Token> expand;

    public LetCommand(Variables variables, PrintWriter out) {
        this(variables, out, List::of, t -> variables.expand(List.of(t)).getFirst());
    }

    public LetCommand(Variables variables, PrintWriter out, Supplier<List<Token>> line, UnaryOperator<Token> expand) {
        this.variables = variables;
        this.out = out;
        this.line = line;
        this.expand = expand;
    }

    /** Any NAME=VALUE: the names are the script's own, so they reach run as typed. */
    static final Syntax SYNTAX = Syntax.of("let", "Set variables, used as $NAME or ${NAME} anywhere in a later line; alone, list them.")
            .note("NAME=VALUE ...: e.g. let N=4 MSG=\"hi there\" B=$N*2+1; an integer expression (+ - * / % << >> & | ^ ~ ( ), 0x, -EINVAL)"
                    + " is stored as its value, a quoted one as typed; $name.field (with a dot) is a reference, not a variable.")
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
        List<Token> tokens = line.get();
        int from = 1;
        for (String typed : args.words()) {
            int at = from;
            while (at < tokens.size() && !tokens.get(at).text().equals(typed)) {
                at++;
            }
            Optional<Token> token = at < tokens.size() ? Optional.of(tokens.get(at)) : Optional.empty();
            from = token.isPresent() ? at + 1 : from;
            // expanded now, after the assignments before it: let a=5 b=$a+1
            String word = token.map(t -> expand.apply(t).text()).orElse(typed);
            int eq = word.indexOf('=');
            String value = word.substring(eq + 1);
            if (token.map(Token::quoted).orElse(false)) {
                variables.set(word.substring(0, eq), value);
                continue;
            }
            try {
                variables.set(word.substring(0, eq), Arithmetic.letValue(value).map(Object::toString).orElse(value));
            } catch (Arithmetic.Failure f) {
                throw new ConsoleException(word.substring(0, eq) + "=" + value + ": " + f.getMessage(),
                        token.map(t -> t.column() + eq + 1 + f.offset()).orElse(-1));
            }
        }
    }
}
