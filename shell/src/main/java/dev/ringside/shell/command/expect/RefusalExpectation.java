package dev.ringside.shell.command.expect;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;

import java.util.function.Consumer;

/**
 * {@code expect refused [naming=TEXT] COMMAND...}: a script shows that the console refuses a command
 * (a buffer freed under a draft that points at it), as an expectation instead of an error that stops it.
 * Nothing reaches the kernel, so the exported C program only counts the check.
 */
public final class RefusalExpectation {
    private RefusalExpectation() {
    }

    public static final Syntax SYNTAX = Syntax.of("expect refused",
                    "Run a command line that the console must refuse, and check that its one-line refusal names TEXT.")
            .with(new Positional("COMMAND", ValueType.Name.TEXT, true, true, "the command line, as typed"))
            .with(Option.of("naming", ValueType.Name.TEXT, "text the refusal must contain (given before the command)"))
            .note("The refusal is printed after ok; a command that runs instead is a failed expectation (it did run).");

    /** Runs {@code command} through {@code run}; met when it throws the console's refusal (containing {@code naming}, if given). */
    public static void check(Session session, String command, String naming, Consumer<String> run) {
        String message = null;
        try {
            run.accept(command);
        } catch (ConsoleException e) {
            message = e.getMessage();
        }
        String wanted = "refused " + command + (naming == null ? "" : " naming \"" + naming + "\"");
        boolean met = message != null && (naming == null || message.contains(naming));
        JournalWrites.expectedRefusal(session, command, naming == null ? "" : naming, message == null ? "" : message, met);
        if (!met) {
            throw new ExpectationFailed(wanted, message == null ? "it ran" : "refused: " + message);
        }
        ExpectCommand.met(session, "refused " + command + ": " + message);
    }
}
