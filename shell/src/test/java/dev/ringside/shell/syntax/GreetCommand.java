package dev.ringside.shell.syntax;

import dev.ringside.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** A command added in the test tree only: what a new command with two options takes, one file. */
@Command(name = "greet", description = "Say hello a number of times.")
public final class GreetCommand implements Runnable, Declared {
    static final Syntax SYNTAX = Syntax.of("greet", "Say hello a number of times.")
            .with(Option.of("times", new ValueType.Number(1, 5), "1", "how many greetings, 1 to 5"),
                    Option.of("style", new ValueType.Words("plain", "loud"), "plain", "how to say it"));

    private final Session session;

    @Parameters(arity = "0..*")
    List<String> words;

    public GreetCommand(Session session) {
        this.session = session;
    }

    @Override
    public List<Syntax> syntaxes() {
        return List.of(SYNTAX);
    }

    @Override
    public void run() {
        Args args = SYNTAX.parse(words, session);
        String hello = args.text("style").equals("loud") ? "HELLO" : "hello";
        for (long i = 0; i < args.number("times"); i++) {
            session.out().println(hello);
        }
    }
}
