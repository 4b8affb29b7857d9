package dev.ringside.shell;

import dev.ringside.shell.repl.ConsoleCompleter;
import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A console session on real rings for a test: its output captured, lines run through the dispatcher,
 * Tab asked of the completer; closed after each test. Use as
 * {@code @RegisterExtension final ConsoleFixture console = new ConsoleFixture();}.
 */
public final class ConsoleFixture implements AfterEachCallback, AutoCloseable {
    private final StringWriter screen = new StringWriter();
    private final Session session = new Session(new PrintWriter(screen, true), Style.detect(false, "dumb"));
    private final Dispatcher dispatcher = new Dispatcher(session);
    private final ConsoleCompleter completer = new ConsoleCompleter(session, dispatcher.commands());

    public Session session() {
        return session;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** What the line printed. */
    public String run(String line) {
        screen.getBuffer().setLength(0);
        dispatcher.run(line);
        return screen.toString();
    }

    /** The one-line error the line is refused with (failing the test when it is not). */
    public String error(String line) {
        screen.getBuffer().setLength(0);
        return assertThrows(ConsoleException.class, () -> dispatcher.run(line), line).getMessage();
    }

    /** What the line printed, or what it printed and then the one-line error it was refused with. */
    public String runOrError(String line) {
        screen.getBuffer().setLength(0);
        try {
            dispatcher.run(line);
        } catch (ConsoleException e) {
            return screen + e.getMessage();
        }
        return screen.toString();
    }

    /** Runs the lines as the REPL does: an error or a missed expectation is printed there and passed over. */
    public void typed(String... lines) {
        for (String line : lines) {
            try {
                dispatcher.run(line);
            } catch (ConsoleException | ExpectationFailed e) {
                // the REPL prints these and goes on
            }
        }
    }

    /** Everything printed since the last run. */
    public String screen() {
        return screen.toString();
    }

    /** Tab at the end of {@code line}: the candidates, with their groups and docs. */
    public List<Candidate> candidates(String line) {
        ParsedLine parsed = new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, parsed, out);
        return out;
    }

    /** Tab at the end of {@code line}: the values it would insert. */
    public List<String> complete(String line) {
        return candidates(line).stream().map(Candidate::value).toList();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        session.close();
    }
}
