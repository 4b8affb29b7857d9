package dev.ringside.shell;

import dev.ringside.shell.repl.Repl;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ways into the console besides a script file: include in the REPL, -c, ringside help, lines piped in. */
class ConsoleEntryTest {
    @TempDir
    Path dir;

    record Run(int code, String out) {
    }

    static Run main(String... args) {
        StringWriter text = new StringWriter();
        int code = Main.run(List.of(args), new PrintWriter(text, true));
        return new Run(code, text.toString());
    }

    String type(String keys) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal("test", "dumb",
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            assertEquals(0, Repl.run(terminal, dir.resolve("history")));
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void includeRunsAReproducerIntoTheLiveConsoleAndTheSessionGoesOn() throws IOException {
        Path setup = Files.writeString(dir.resolve("setup.iou"), """
                let ud=0x2a
                ring create scene entries=4
                sqe nop user_data=$ud
                expect cqes=0
                """);
        String out = type("include " + setup + "\nsubmit wait=1\nsqe nop user_data=$ud\nsubmit wait=1\n"
                + "include " + dir.resolve("nope.iou") + "\nring list\nrecord " + dir.resolve("rec.iou") + "\nquit\n");
        assertTrue(out.contains("included " + setup + ": ran (1 expectations met, 0 failed)"), out);
        // the ring, the draft and the variable the file made are the console's now
        assertEquals(2, out.split("cqe user_data=0x2a res=0 flags=0   <- NOP", -1).length - 1, out);
        assertTrue(out.contains("sqe #2 NOP user_data=0x2a"), out);
        assertTrue(out.contains("error: cannot read " + dir.resolve("nope.iou") + ": no such file"), out);
        assertTrue(out.contains("* scene  fd "), out);
        assertFalse(out.contains("shapes a script"), out);
        // record writes the lines the file ran, which replay without it
        String recorded = Files.readString(dir.resolve("rec.iou"));
        assertTrue(recorded.contains("let ud=0x2a\nring create scene entries=4\nsqe nop user_data=$ud\n"), recorded);
        assertFalse(recorded.contains("include"), recorded);
    }

    @Test
    void anIncludedFilesErrorsAndMissesPrintWithTheirLineAndTheConsoleStays() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.iou"), "ring create\nexpect cqes=1 timeout=1ms\nring craete\nsqe nop\n");
        String out = type("include " + broken + "\nring list\nquit\n");
        assertTrue(out.contains(broken + ":2: expected cqes=1, got 0 unchecked completions"), out);
        assertTrue(out.contains(broken + ":3:6: error: unknown ring subcommand 'craete'"), out);
        assertTrue(out.contains("included " + broken + ": stopped at its error (0 expectations met, 1 failed)"), out);
        assertTrue(out.contains("* r0  fd "), out);
    }

    @Test
    void dashCRunsLinesWithoutAFile() {
        Run run = main("-c", "ring create; sqe nop user_data=1; submit wait=1; expect cqe user_data=1 res=0;"
                + " buf alloc b 8 text=\"a;b\"; expect buf b text=\"a;b\"");
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("-c: passed (2 expectations met, 0 failed)"), run.out());
        Run failed = main("-c", "ring create; expect cqes=1 timeout=1ms");
        assertEquals(1, failed.code(), failed.out());
        assertTrue(failed.out().contains("-c:2: expected cqes=1, got 0"), failed.out());
        Run broken = main("-c", "ring create;  sqe bogus");
        assertEquals(2, broken.code(), broken.out());
        assertTrue(broken.out().contains("-c:2:7: error: unknown opcode 'bogus'"), broken.out());
        Run noText = main("-c");
        assertEquals(2, noText.code(), noText.out());
        assertTrue(noText.out().startsWith("ringside -c: give the lines as one argument"), noText.out());
    }

    @Test
    void helpIsHelpNotAScriptNamedHelp() {
        Run help = main("help");
        assertEquals(0, help.code(), help.out());
        assertTrue(help.out().startsWith("usage: ringside"), help.out());
        assertTrue(help.out().contains("  ring "), help.out());
        assertFalse(help.out().contains("cannot read the script"), help.out());
        Run ring = main("help", "ring");
        assertEquals(0, ring.code(), ring.out());
        assertTrue(ring.out().contains("create"), ring.out());
        Run unknown = main("help", "nosuch");
        assertEquals(2, unknown.code(), unknown.out());
        assertEquals(1, unknown.out().lines().count(), unknown.out());
    }

    @Test
    // an interactive console here would wait for keys on the real stdin forever, deaf to interrupts
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void linesPipedInWithJsonGiveOnlyJsonOnStdout() {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("""
                    ring create --json
                    sqe nop user_data=1 --json
                    submit wait=1 --json
                    expect cqe user_data=1 res=0 --json
                    """.getBytes(StandardCharsets.UTF_8)));
            Run run = main();
            assertEquals(0, run.code(), run.out());
            List<String> lines = run.out().lines().toList();
            assertEquals(5, lines.size(), run.out());
            for (String line : lines) {
                assertTrue(line.startsWith("{\"type\":"), "not a JSON line: " + line + "\n" + run.out());
            }
            assertFalse(run.out().contains("ringside"), run.out());
        } finally {
            System.setIn(stdin);
        }
    }
}
