package dev.ringside.shell;

import dev.ringside.shell.repl.Repl;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real read-eval-print loop, typed into through a JLine terminal on streams, against real rings. */
class ReplTest {
    @TempDir
    Path dir;

    String type(String keys) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal("test", "dumb",
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            assertEquals(0, Repl.run(terminal, dir.resolve("history")));
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNopRoundTripMovesTheCqRingAndTyposDoNotEndTheSession() throws IOException {
        String out = type("ring create\nsqe nop user_data=1\nsubmit wait=1\nrign list\nmem cq\nquit\n");
        assertTrue(out.contains("cqe user_data=1 res=0 flags=0"), out);
        assertTrue(out.contains("error: unknown command 'rign' (did you mean ring?)"), out);
        assertTrue(out.matches("(?s).*cq ring of r0 \\(live\\)\\s+head +1\\s+tail +1.*"), out);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void aKeyStopsWatchAndDoesNotReachThePrompt() throws IOException {
        String out = type("ring create\nwatch cq interval=10ms\nxring list\nquit\n");
        assertTrue(out.contains("any key or Ctrl-C stops"), out);
        assertTrue(out.contains("cq head=0 tail=0 overflow=0 flags=0"), out);
        assertTrue(out.contains("stopped by key"), out);
        assertTrue(out.contains("* r0  fd "), out);
        assertFalse(out.contains("unknown command"), out);
    }

    @Test
    void endOfInputLeavesCleanlyAndKeepsTheHistory() throws IOException {
        type("ring create\nsqe nop user_data=7\n");
        String history = Files.readString(dir.resolve("history"));
        assertTrue(history.contains("sqe nop user_data=7"), history);
    }
}
