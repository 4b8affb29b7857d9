package dev.ringside.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** help CMD [SUB], CMD [SUB] --help and help's list, read from the declarations. */
class HelpTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    @Test
    void helpRingCreateAndItsDashDashHelpAreTheSamePage() {
        String help = console.run("help ring create");
        assertTrue(help.startsWith("usage: ring create [NAME] [entries=N] [cq_entries=N] [flags=FLAGS]"), help);
        assertTrue(help.contains("SQ entries (the kernel rounds up to a power of two) (default 8)"), help);
        assertEquals(help, console.run("ring create --help"));
        assertTrue(console.session().rings().isEmpty(), "--help created no ring");
        assertTrue(console.run("submit --help").contains("wait=N"));
        String timeout = console.run("sqe timeout --help");
        assertTrue(timeout.startsWith("usage: sqe timeout") && timeout.contains("ts=DURATION"), timeout);
        assertTrue(console.run("register zcrx_ifq --help").contains("flags=FLAGS"));
    }

    @Test
    void helpOfACommandWithSubcommandsListsTheirUsage() {
        String help = console.run("help ring");
        assertTrue(help.contains("ring create [NAME] [entries=N]") && help.contains("ring close [NAME]"), help);
    }

    @Test
    void helpQuitSaysWhatQuitDoes() {
        assertTrue(console.run("help quit").startsWith("quit (or exit, or Ctrl-D): leave the console"));
    }

    @Test
    void theListGivesEachCommandAWholeSentence() {
        String list = console.run("help");
        for (String line : list.split("\n")) {
            assertFalse(line.endsWith(","), line);
        }
        assertTrue(list.contains("expect     Check what the kernel answered:"), list);
    }
}
