package dev.ringside.shell.repl;

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
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A history file that cannot be written (nobody's home) is one line at start, then a console without history (issue 12). */
class HistoryFileTest {
    @TempDir
    Path dir;

    @Test
    void unwritableHistoryIsOneLineAndTheConsoleGoesOn() throws IOException {
        // under a plain file: no user, root included, can create it (JLine would create a missing directory as root)
        Path notADirectory = Files.writeString(dir.resolve("home"), "a file, not a home directory\n");
        List<LogRecord> traces = new ArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() != null) {
                    traces.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // the root logger's console handler is where JLine's stack traces went (stderr)
        Logger.getLogger("").addHandler(recorder);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        String keys = "ring create\nsqe nop user_data=1\nsubmit wait=1\nring list\nquit\n";
        try (Terminal terminal = new DumbTerminal("test", "dumb",
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            assertEquals(0, Repl.run(terminal, notADirectory.resolve(".ringside_history")));
        } finally {
            Logger.getLogger("").removeHandler(recorder);
        }
        String out = screen.toString(StandardCharsets.UTF_8);
        List<String> historyLines = out.lines().filter(l -> l.contains("history")).toList();
        assertEquals(List.of("ringside: no history this session: " + notADirectory + " is not a directory"
                + " (set RINGSIDE_HISTORY to a writable file)"), historyLines, out);
        assertTrue(out.contains("cqe user_data=1 res=0 flags=0"), out);
        assertTrue(out.contains("* r0  fd "), out);
        assertFalse(out.contains("Exception") || out.contains("\tat "), out);
        assertEquals(List.of(), traces.stream().map(r -> r.getMessage() + ": " + r.getThrown()).toList());
    }

    @Test
    void problemNamesWhatIsWrong() {
        assertEquals("the directory " + dir.resolve("none") + " does not exist", HistoryFile.problem(dir.resolve("none/h")).orElseThrow());
        assertEquals("/proc is not a regular file", HistoryFile.problem(Path.of("/proc")).orElseThrow());
        assertTrue(HistoryFile.problem(Path.of(System.getProperty("java.io.tmpdir"), "ringside-history-test")).isEmpty());
    }
}
