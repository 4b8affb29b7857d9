package dev.ringside.shell.syntax;

import dev.ringside.shell.ConsoleFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every registered command is data: each path's help, --help and Tab come from its one Syntax, nothing else. */
class EveryCommandDeclaredTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    @Test
    void eachPathsHelpAndDashDashHelpAreItsSyntax() {
        CommandTable table = console.dispatcher().commands();
        int paths = 0;
        for (Declared command : table.commands()) {
            assertFalse(command.summary().isBlank(), command.name());
            for (Syntax syntax : command.syntaxes()) {
                paths++;
                String help = console.run("help " + syntax.path());
                assertEquals(syntax.help(), help, syntax.path());
                assertTrue(help.startsWith("usage: " + syntax.path()), help);
                assertEquals(help, console.run(syntax.path() + " --help"), syntax.path() + " --help");
                assertFalse(syntax.summary().isBlank(), syntax.path());
            }
        }
        assertTrue(paths > 50, "every subcommand has its own path: " + paths);
    }

    /** A command that says its names without building its syntaxes (struct) says those its syntaxes have. */
    @Test
    void eachCommandsNamesAreTheFirstWordsOfItsPaths() {
        CommandTable table = console.dispatcher().commands();
        for (Declared command : table.commands()) {
            List<String> fromPaths = command.syntaxes().stream().map(s -> Declared.firstWord(s.path())).distinct().toList();
            assertEquals(fromPaths, command.names(), command.name());
            assertEquals(fromPaths.getFirst(), command.name());
        }
    }

    @Test
    void tabOffersEveryCommandAndEverySubcommand() {
        CommandTable table = console.dispatcher().commands();
        assertTrue(console.complete("").containsAll(table.names()));
        for (String name : table.names()) {
            assertTrue(console.complete(name + " ").containsAll(table.subcommands(name)), name);
        }
    }

    @Test
    void aCommandOfSubcommandsAloneOrWithAWrongOneIsAOneLineError() {
        assertEquals("mem needs one of: sq, cq, sqes, cqes, pbuf, zcrx, poke", console.error("mem"));
        assertEquals("unknown mem subcommand 'sqs' (did you mean sq or sqes?); valid: sq, cq, sqes, cqes, pbuf, zcrx, poke", console.error("mem sqs"));
        assertEquals("mem sqes takes no --verbose; it takes --json", console.error("mem sqes --verbose"));
    }

    @Test
    void noPicocliIsLeftToDeclareAnything() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("picocli.CommandLine"));
    }
}
