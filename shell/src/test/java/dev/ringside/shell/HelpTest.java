package dev.ringside.shell;

import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** help CMD [SUB], CMD [SUB] --help and help's list, read from the declarations. */
class HelpTest {
    private final StringWriter screen = new StringWriter();
    private final Session session = new Session(new PrintWriter(screen, true), Style.detect(false, "dumb"));
    private final Dispatcher dispatcher = new Dispatcher(session);

    @AfterEach
    void close() {
        session.close();
    }

    private String run(String line) {
        screen.getBuffer().setLength(0);
        dispatcher.run(line);
        return screen.toString();
    }

    @Test
    void helpRingCreateAndItsDashDashHelpAreTheSamePage() {
        String help = run("help ring create");
        assertTrue(help.startsWith("usage: ring create [NAME] [entries=N] [cq_entries=N] [flags=FLAGS]"), help);
        assertTrue(help.contains("SQ entries (the kernel rounds up to a power of two) (default 8)"), help);
        assertEquals(help, run("ring create --help"));
        assertTrue(session.rings().isEmpty(), "--help created no ring");
        assertTrue(run("submit --help").contains("wait=N"));
        String timeout = run("sqe timeout --help");
        assertTrue(timeout.startsWith("usage: sqe timeout") && timeout.contains("ts=DURATION"), timeout);
        assertTrue(run("register zcrx_ifq --help").contains("flags=FLAGS"));
    }

    @Test
    void helpOfACommandWithSubcommandsListsTheirUsage() {
        String help = run("help ring");
        assertTrue(help.contains("ring create [NAME] [entries=N]") && help.contains("ring close [NAME]"), help);
    }

    @Test
    void helpQuitSaysWhatQuitDoes() {
        assertTrue(run("help quit").startsWith("quit (or exit, or Ctrl-D): leave the console"));
    }

    @Test
    void theListGivesEachCommandAWholeSentence() {
        String list = run("help");
        for (String line : list.split("\n")) {
            assertFalse(line.endsWith(","), line);
        }
        assertTrue(list.contains("expect     Check what the kernel answered:"), list);
    }
}
