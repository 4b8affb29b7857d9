package dev.ringside.shell.syntax;

import dev.ringside.shell.session.Session;

import java.util.List;

/** A command added in the test tree only: what a new command with two options takes, one file. */
public final class GreetCommand implements Declared {
    static final Syntax SYNTAX = Syntax.of("greet", "Say hello a number of times.")
            .with(Option.of("times", new ValueType.Number(1, 5), "1", "how many greetings, 1 to 5"),
                    Option.of("style", new ValueType.Words("plain", "loud"), "plain", "how to say it"));

    private final Session session;

    public GreetCommand(Session session) {
        this.session = session;
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }

    private void run(Args args) {
        String hello = args.text("style").equals("loud") ? "HELLO" : "hello";
        for (long i = 0; i < args.number("times"); i++) {
            session.out().println(hello);
        }
    }
}
