package dev.ringside.shell.syntax;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.repl.ConsoleCompleter;
import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance: a command with two options is one file (GreetCommand, in the test tree) plus one
 * registration line, and its parsing, help, --help, errors and Tab completion all work from its declaration.
 */
class DeclaredCommandTest {
    private final StringWriter screen = new StringWriter();
    private final Session session = new Session(new PrintWriter(screen, true), Style.detect(false, "dumb"));
    private final Dispatcher dispatcher = new Dispatcher(session);
    private final ConsoleCompleter completer = new ConsoleCompleter(session, dispatcher.commands());

    {
        dispatcher.commands().add(new GreetCommand(session)); // the one line
    }

    @AfterEach
    void close() {
        session.close();
    }

    private String run(String line) {
        screen.getBuffer().setLength(0);
        dispatcher.run(line);
        return screen.toString();
    }

    private String error(String line) {
        return assertThrows(ConsoleException.class, () -> dispatcher.run(line)).getMessage();
    }

    private List<Candidate> complete(String line) {
        ParsedLine parsed = new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, parsed, out);
        return out;
    }

    @Test
    void parsesWithDefaultsAndTypedValues() {
        assertEquals("hello\n", run("greet"));
        assertEquals("HELLO\nHELLO\n", run("greet times=2 style=loud"));
    }

    @Test
    void helpAndDashDashHelpPrintTheDeclaration() {
        String help = run("help greet");
        assertTrue(help.startsWith("usage: greet [times=N] [style=plain|loud]\n"), help);
        assertTrue(help.contains("times=N") && help.contains("how many greetings, 1 to 5 (default 1)"), help);
        assertTrue(help.contains("style=plain|loud") && help.contains("how to say it (default plain)"), help);
        assertEquals(help, run("greet --help"));
        assertTrue(run("help").contains("greet      Say hello a number of times."));
    }

    @Test
    void errorsNameTheOption() {
        assertEquals("greet has no option 'time' (did you mean times?); valid: times, style", error("greet time=2"));
        assertEquals("times: 9 is out of range 1..5", error("greet times=9"));
        assertEquals("times: 'x' is not a number (decimal, 0x hex or 0b binary)", error("greet times=x"));
        assertEquals("times needs a value: times=N", error("greet times="));
        assertEquals("times is given twice (times=1 and times=2)", error("greet times=1 times=2"));
        assertTrue(error("greet style=quiet").startsWith("style: 'quiet' is not one of plain, loud"));
        assertEquals("unexpected 'now'; usage: greet [times=N] [style=plain|loud]", error("greet now"));
        assertEquals("greet takes no --loud", error("greet --loud"));
    }

    @Test
    void tabOffersTheOptionsWithTheirDocsAndTheirValues() {
        assertTrue(complete("gr").stream().anyMatch(c -> c.value().equals("greet")));
        List<Candidate> options = complete("greet ");
        assertEquals(List.of("times=", "style="), options.stream().map(Candidate::value).toList());
        assertEquals("how many greetings, 1 to 5 (default 1)", options.getFirst().descr());
        assertEquals(List.of("style="), complete("greet times=2 ").stream().map(Candidate::value).toList());
        assertEquals(List.of("style=plain", "style=loud"), complete("greet style=").stream().map(Candidate::value).toList());
    }
}
