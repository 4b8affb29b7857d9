package dev.ringside.shell.command.script;

import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;

import java.util.List;

/** {@code set unsafe on|off}: console settings; without arguments, shows them. */
public final class SetCommand implements Declared {
    private static final List<String> SETTINGS = List.of("unsafe");

    private final Session session;

    public SetCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("set", "Show or change a console setting (script variables are set with let).")
            .with(Positional.optional("SETTING", new ValueType.Words(SETTINGS), "unsafe: address fields take raw numbers"
                            + " (addr=0x7f...) instead of session buffers; the kernel then uses whatever they point to"),
                    Positional.optional("VALUE", new ValueType.Words("on", "off"), "on or off"));

    private void run(Args args) {
        if (args.word(0).isEmpty()) {
            session.out().println("unsafe " + (session.unsafe() ? "on" : "off"));
            return;
        }
        String value = args.word(1).orElseThrow(() -> new ConsoleException("set " + args.word(0).get() + " needs on or off; "
                + SYNTAX.usage()));
        session.unsafe(value.equals("on"));
        session.out().println("unsafe " + value + (session.unsafe()
                ? ": address fields take raw numbers; the kernel will use whatever they point to" : ""));
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }
}
