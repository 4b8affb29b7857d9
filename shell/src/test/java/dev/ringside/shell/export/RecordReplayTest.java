package dev.ringside.shell.export;

import dev.ringside.shell.ConsoleFixture;
import dev.ringside.shell.Main;
import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session typed line by line (as the REPL does), recorded with 'record', replays on the real kernel. */
class RecordReplayTest {
    @TempDir
    Path dir;

    /** Runs the lines in one session, swallowing their errors as the REPL does, then records it. */
    List<String> recordSession(Path file, String... lines) throws IOException {
        try (ConsoleFixture console = new ConsoleFixture()) {
            console.typed(lines); // errors are passed over, as the REPL does; the recording leaves such lines out
            console.run("record " + file);
        }
        return Files.readAllLines(file);
    }

    record Run(int exitCode, String output) {
    }

    static Run replay(Path file) {
        StringWriter out = new StringWriter();
        int code = Main.runScript(file, new PrintWriter(out, true));
        return new Run(code, out.toString());
    }

    @Test
    void theRecordingKeepsWhatRanAndTheKernelsAnswers() throws IOException {
        Path file = dir.resolve("session.iou");
        List<String> lines = recordSession(file,
                "ring create entries=8 flags=SINGLE_ISSUER|DEFER_TASKRUN",
                "sqe nop user_data=1",
                "sbumit wait=1",                          // a typo: not recorded
                "sqe nop user_data=7 nop_flags=BOGUS",    // refused: not recorded
                "submit wait=1",
                "expect cqe user_data=1 res=-EIO",        // fails: the recording holds the real answer
                "sqe nop user_data=2 nop_flags=INJECT_RESULT result=-EIO",
                "sqe timeout user_data=3 ts=1ms",
                "submit wait=2");
        assertFalse(lines.stream().anyMatch(l -> l.contains("sbumit") || l.contains("BOGUS")), String.join("\n", lines));
        List<String> commands = lines.stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of(
                "ring create entries=8 flags=SINGLE_ISSUER|DEFER_TASKRUN",
                "sqe nop user_data=1",
                "submit wait=1",
                "expect cqe user_data=1 res=0 flags=0",
                "sqe nop user_data=2 nop_flags=INJECT_RESULT result=-EIO",
                "sqe timeout user_data=3 ts=1ms",
                "submit wait=2",
                "expect cqe user_data=2 res=-EIO flags=0",
                "expect cqe user_data=3 res=-ETIME flags=0"), commands, String.join("\n", lines));
    }

    @Test
    void timingChecksOfAnExpectThatHeldStayOnTheRecordedLine() throws IOException {
        Path file = dir.resolve("timed.iou");
        List<String> lines = recordSession(file,
                "ring create entries=8",
                "sqe timeout user_data=3 ts=20ms",
                "submit",
                "expect cqe user_data=3 res=-ETIME after=10ms before=30s");
        assertTrue(lines.contains("expect cqe user_data=3 res=-ETIME flags=0 after=10ms before=30s"), String.join("\n", lines));
        Run replayed = replay(file);
        assertEquals(ScriptRunner.PASSED, replayed.exitCode(), replayed.output());
    }

    @Test
    void aRecordingReplaysAndAnEditedExpectationFailsByLine() throws IOException {
        Path file = dir.resolve("replay.iou");
        List<String> lines = recordSession(file,
                "ring create entries=4",
                "sqe nop user_data=5 nop_flags=INJECT_RESULT result=-EAGAIN",
                "sqe timeout user_data=6 ts=2ms",
                "submit wait=2",
                "ring close");
        Run run = replay(file);
        assertEquals(ScriptRunner.PASSED, run.exitCode(), String.join("\n", lines) + "\n" + run.output());
        assertTrue(run.output().contains("2 expectations met"), run.output());

        int line = lines.indexOf("expect cqe user_data=6 res=-ETIME flags=0") + 1;
        assertTrue(line > 0, String.join("\n", lines));
        List<String> edited = new java.util.ArrayList<>(lines);
        edited.set(line - 1, "expect cqe user_data=6 res=0 flags=0");
        Path broken = dir.resolve("edited.iou");
        Files.write(broken, edited);
        Run failed = replay(broken);
        assertEquals(ScriptRunner.FAILED, failed.exitCode(), failed.output());
        assertTrue(failed.output().contains(broken + ":" + line + ": expected cqe user_data=6 res=0 flags=0, got cqe user_data=6 res=-62 ETIME"),
                failed.output());
    }

    @Test
    void buffersAndFdsAreRecordedAsTheCommandsThatMadeThemAndReplay() throws IOException {
        Path file = dir.resolve("pipe.iou");
        List<String> lines = recordSession(file,
                "ring create entries=4",
                "pipe p",
                "buf alloc out text=hello",
                "buf alloc in 8 fill=0x2e",
                "sqe write user_data=1 fd=$p.w addr=@out len=@out.len",
                "sqe read user_data=2 fd=$p.r addr=@in+1 len=5",
                "submit wait=2",
                "buf free out",
                "close p");
        assertTrue(lines.containsAll(List.of("pipe p", "buf alloc out text=hello", "buf alloc in 8 fill=0x2e",
                "sqe read user_data=2 fd=$p.r addr=@in+1 len=5", "expect cqe user_data=2 res=5 flags=0", "close p")),
                String.join("\n", lines));
        List<String> checked = new java.util.ArrayList<>(lines);
        checked.add("expect buf in text=.hello..");
        Files.write(file, checked);
        Run run = replay(file);
        assertEquals(ScriptRunner.PASSED, run.exitCode(), String.join("\n", checked) + "\n" + run.output());
        assertTrue(run.output().contains("3 expectations met"), run.output());
    }

    @Test
    void recordToAnUnwritablePlaceIsAOneLineError() {
        try (ConsoleFixture console = new ConsoleFixture()) {
            String message = console.error("record " + dir.resolve("no/such/dir/x.iou"));
            assertTrue(message.startsWith("cannot write "), message);
        }
    }
}
