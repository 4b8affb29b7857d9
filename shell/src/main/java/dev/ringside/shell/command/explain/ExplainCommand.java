package dev.ringside.shell.command.explain;

import dev.ringside.shell.explain.Explainer;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;

import java.util.List;
import java.util.OptionalLong;

/** {@code explain [#N|user_data=U|last|setup|register]}: which field the kernel objects to, by trial on scratch rings. */
public final class ExplainCommand implements Declared {
    static final Syntax SYNTAX = Syntax.of("explain",
                    "Find by trial on scratch rings which field or flag the kernel refused, and say it in one line.")
            .with(Positional.optional("TARGET", new ValueType.Choices("#N|last|setup|register",
                    s -> List.of("last", "setup", "register")), "#N (a request by its default user_data), last (default), setup, register"))
            .with(Option.of("user_data", ValueType.Number.ANY, "the refused request with this user_data"))
            .note("Trials reset one field (or flag bit) at a time and resubmit the rest unchanged, then pairs;",
                    "requests that would block get a 20 ms LINK_TIMEOUT; fds and buffers are scratch copies.")
            .withJson();

    /** The answer as --json shows it. */
    record ExplainView(String target, String explanation) {
    }

    private final Session session;

    public ExplainCommand(Session session) {
        this.session = session;
    }

    private void run(Args args) {
        String what = args.word(0).orElse("last");
        OptionalLong userData = args.optionalNumber("user_data").map(OptionalLong::of).orElse(OptionalLong.empty());
        String line = Explainer.explain(session, what, userData);
        session.output().result("explain", new ExplainView(userData.isPresent()
                ? "user_data=" + Long.toUnsignedString(userData.getAsLong()) : what, line), line);
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }
}
