package dev.ringside.shell.syntax;

import dev.ringside.shell.ConsoleFixture;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance: a command with two options is one file (GreetCommand, in the test tree) plus one
 * registration line, and its parsing, help, --help, errors and Tab completion all work from its declaration.
 */
class DeclaredCommandTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    {
        console.dispatcher().commands().add(new GreetCommand(console.session())); // the one line
    }

    @Test
    void parsesWithDefaultsAndTypedValues() {
        assertEquals("hello\n", console.run("greet"));
        assertEquals("HELLO\nHELLO\n", console.run("greet times=2 style=loud"));
    }

    @Test
    void helpAndDashDashHelpPrintTheDeclaration() {
        String help = console.run("help greet");
        assertTrue(help.startsWith("usage: greet [times=N] [style=plain|loud]\n"), help);
        assertTrue(help.contains("times=N") && help.contains("how many greetings, 1 to 5 (default 1)"), help);
        assertTrue(help.contains("style=plain|loud") && help.contains("how to say it (default plain)"), help);
        assertEquals(help, console.run("greet --help"));
        assertTrue(console.run("help").contains("greet      Say hello a number of times."));
    }

    @Test
    void errorsNameTheOption() {
        assertEquals("greet has no option 'time' (did you mean times?); valid: times, style", console.error("greet time=2"));
        assertEquals("times: 9 is out of range 1..5", console.error("greet times=9"));
        assertEquals("times: 'x' is not a number (decimal, 0x hex or 0b binary)", console.error("greet times=x"));
        assertEquals("times needs a value: times=N", console.error("greet times="));
        assertEquals("times is given twice (times=1 and times=2)", console.error("greet times=1 times=2"));
        assertTrue(console.error("greet style=quiet").startsWith("style: 'quiet' is not one of plain, loud"));
        assertEquals("unexpected 'now'; usage: greet [times=N] [style=plain|loud]", console.error("greet now"));
        assertEquals("greet takes no --loud", console.error("greet --loud"));
    }

    @Test
    void tabOffersTheOptionsWithTheirDocsAndTheirValues() {
        assertTrue(console.candidates("gr").stream().anyMatch(c -> c.value().equals("greet")));
        List<Candidate> options = console.candidates("greet ");
        assertEquals(List.of("times=", "style="), options.stream().map(Candidate::value).toList());
        assertEquals("how many greetings, 1 to 5 (default 1)", options.getFirst().descr());
        assertEquals(List.of("style="), console.candidates("greet times=2 ").stream().map(Candidate::value).toList());
        assertEquals(List.of("style=plain", "style=loud"), console.candidates("greet style=").stream().map(Candidate::value).toList());
    }
}
