package dev.ringside.shell.command.script;

import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code set unsafe on|off}: console settings; without arguments, shows them. */
@Command(name = "set", description = {
    "Console settings: set unsafe on|off. Unsafe mode lets address fields take raw numbers (addr=0x7f...)",
    "instead of session buffers (@buf): the kernel then reads or writes wherever the number points."})
public final class SetCommand implements Runnable, Declared {
    private static final List<String> SETTINGS = List.of("unsafe");

    private final Session session;

    @Parameters(arity = "0..2", paramLabel = "SETTING on|off")
    List<String> words;

    public SetCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        if (words == null || words.isEmpty()) {
            session.out().println("unsafe " + (session.unsafe() ? "on" : "off"));
            return;
        }
        String setting = words.getFirst();
        if (!SETTINGS.contains(setting)) {
            throw new ConsoleException("no setting '" + setting + "'" + Values.suggestion(setting, SETTINGS)
                    + "; settings: " + String.join(", ", SETTINGS) + " (script variables are set with let)", setting);
        }
        if (words.size() < 2 || !(words.get(1).equals("on") || words.get(1).equals("off"))) {
            throw new ConsoleException("usage: set unsafe on|off");
        }
        session.unsafe(words.get(1).equals("on"));
        session.out().println("unsafe " + words.get(1) + (session.unsafe()
                ? ": address fields take raw numbers; the kernel will use whatever they point to" : ""));
    }

    @Override
    public List<Syntax> syntaxes() {
        return List.of(Syntax.of("set", "Show or change a session setting.")
                .with(Positional.optional("SETTING", new ValueType.Words("unsafe"), "unsafe: allow raw addresses in SQE fields"),
                        Positional.optional("VALUE", new ValueType.Words("on", "off"), "on or off")));
    }
}
