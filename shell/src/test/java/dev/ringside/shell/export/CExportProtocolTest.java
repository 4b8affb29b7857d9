package dev.ringside.shell.export;

import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.tracer.journal.Event;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ring protocol seen from the console and from the C it exports: every io_uring_enter is in the
 * journal (so a reproducer makes it too), waits block, and the program prints the console's lines,
 * in order, and exits as its header says.
 */
class CExportProtocolTest {
    @TempDir
    Path dir;

    /** Runs a script in a fresh session and returns its journal and output. */
    record Run(List<Event> journal, String output, int exitCode) {
    }

    Run console(String script) throws IOException {
        Path file = dir.resolve("t.iou");
        Files.writeString(file, script);
        StringWriter out = new StringWriter();
        try (Session session = new Session(new PrintWriter(out, true), new Style(false))) {
            ScriptRunner.Result result = new ScriptRunner(session).run(file);
            return new Run(session.journal().events(), out.toString(), result.exitCode());
        }
    }

    CExportVerdictTest.Result c(List<Event> journal) throws Exception {
        Assumptions.assumeTrue(CExportVerdictTest.exec(List.of("sh", "-c", "command -v gcc")).exitCode() == 0,
                "gcc is not installed");
        Path c = dir.resolve("repro.c");
        Files.writeString(c, CExporter.program(journal, "t.iou"));
        Path binary = dir.resolve("repro");
        CExportVerdictTest.Result gcc = CExportVerdictTest.exec(List.of("gcc", "-Wall", "-Werror", "-o", binary.toString(),
                c.toString()));
        assertEquals(0, gcc.exitCode(), gcc.output());
        // stdout and stderr into one pipe, as ./repro > out 2>&1
        return CExportVerdictTest.exec(List.of(binary.toString()));
    }

    /** The acceptance of issue 9: NOP + 300 ms TIMEOUT, submit wait=2, at most 3 io_uring_enter calls. */
    @Test
    void submitWaitTwoMakesAtMostThreeEnters() throws Exception {
        Run run = console("""
                ring create entries=8
                sqe nop user_data=1
                sqe timeout user_data=2 ts=300ms
                submit wait=2
                expect cqes=2
                """);
        assertEquals(ScriptRunner.PASSED, run.exitCode(), run.output());
        List<Event.Entered> enters = run.journal().stream().filter(e -> e instanceof Event.Entered)
                .map(e -> (Event.Entered) e).toList();
        assertTrue(enters.size() <= 3, "at most 3 io_uring_enter calls, got " + enters.size() + ": " + enters);
        assertTrue(enters.stream().filter(e -> e.reason() == Event.EnterReason.WAIT).allMatch(e -> e.minComplete() == 2),
                "each wait asks for both completions: " + enters);
    }

    /**
     * The oracle: strace counts the io_uring_enter calls of the console running the same script, and of
     * the C program it exports; the journal has exactly the console's, and both stay at 3 or fewer.
     */
    @Test
    void straceCountsWhatTheJournalRecords() throws Exception {
        Assumptions.assumeTrue(CExportVerdictTest.exec(List.of("sh", "-c", "command -v strace")).exitCode() == 0,
                "strace is not installed");
        String script = """
                ring create entries=8
                sqe nop user_data=1
                sqe timeout user_data=2 ts=300ms
                submit wait=2
                """;
        Run run = console(script);
        long journaled = run.journal().stream().filter(e -> e instanceof Event.Entered).count();
        Path file = dir.resolve("strace.iou");
        Files.writeString(file, script);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the child journals by default: into the test's directory, not ~/.local/state
        int console = straceEnters(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Dringside.journal.dir=" + dir, "-cp",
                System.getProperty("java.class.path"), "dev.ringside.shell.Main", file.toString()));
        assertEquals(journaled, console, "strace and the journal count the console's io_uring_enter calls alike");
        assertTrue(console <= 3, "at most 3 io_uring_enter calls under strace, got " + console);
        c(run.journal());
        int program = straceEnters(List.of(dir.resolve("repro").toString()));
        assertTrue(program <= 3, "the C program's wait blocks too: " + program + " io_uring_enter calls");
    }

    /** io_uring_enter calls strace saw the command (and its threads) make. */
    int straceEnters(List<String> command) throws Exception {
        Path log = dir.resolve("strace.log");
        List<String> traced = new java.util.ArrayList<>(List.of("strace", "-f", "-qq", "-e", "trace=io_uring_enter",
                "-o", log.toString()));
        traced.addAll(command);
        CExportVerdictTest.Result result = CExportVerdictTest.exec(traced);
        Assumptions.assumeTrue(Files.exists(log) && !result.output().contains("PTRACE_TRACEME"),
                "strace cannot trace here: " + result.output());
        assertEquals(0, result.exitCode(), result.output());
        // a call that blocks shows as "<unfinished ...>" then "<... io_uring_enter resumed>": count it once
        return (int) Files.readAllLines(log).stream().filter(l -> l.contains("io_uring_enter(")).count();
    }

    /** A DEFER_TASKRUN timeout is posted by the enter cqes makes; the C program makes it too and agrees. */
    @Test
    void theConsolesTaskWorkEnterIsReproducedInC() throws Exception {
        Run run = console("""
                ring create entries=8 flags=SINGLE_ISSUER|DEFER_TASKRUN
                sqe timeout user_data=1 ts=10ms
                submit
                sleep 30ms
                cqes
                expect cqes=1 timeout=0ms
                """);
        assertEquals(ScriptRunner.PASSED, run.exitCode(), run.output());
        assertTrue(run.journal().stream().anyMatch(e -> e instanceof Event.Entered en
                && en.reason() == Event.EnterReason.TASK_WORK), "cqes's enter is in the journal");
        assertTrue(run.journal().stream().anyMatch(e -> e instanceof Event.Slept s && s.nanos() == 30_000_000L));
        CExportVerdictTest.Result program = c(run.journal());
        assertEquals(0, program.exitCode(), program.output());
        assertTrue(program.output().contains("\ncqe user_data=1 res=-62 ETIME flags=0\n"), program.output());
        assertTrue(program.output().contains("ok expect cqes=1 timeout=0ms"), program.output());
        assertTrue(run.output().contains("cqe user_data=1 res=-62 ETIME flags=0"), run.output());
    }

    /** The partial submit: the console and C both submit the two left behind with the new one, and say so. */
    @Test
    void aPartialSubmitIsFinishedByTheNextOneInBoth() throws Exception {
        Run run = console("""
                ring create entries=8
                sqe nop user_data=1 flags=0x80
                sqe nop user_data=2
                sqe nop user_data=3
                submit wait=1
                expect cqe user_data=1 res=-EINVAL
                sqe nop user_data=4
                submit wait=3
                expect cqe user_data=2
                expect cqe user_data=3
                expect cqe user_data=4
                expect cqes=0
                """);
        assertEquals(ScriptRunner.PASSED, run.exitCode(), run.output());
        String left = "submitted 1 SQE to r0; 2 not consumed stay in the SQ ring, the next submit hands them over";
        assertTrue(run.output().contains(left + "\n"), run.output());
        assertTrue(run.output().contains("submitted 3 SQEs to r0\n"), run.output());
        CExportVerdictTest.Result program = c(run.journal());
        assertEquals(0, program.exitCode(), program.output());
        assertTrue(program.output().contains(left + "\n"), program.output());
        assertTrue(program.output().contains("cqe user_data=1 res=-22 EINVAL flags=0\n"), program.output());
        assertEquals(5, program.output().lines().filter(l -> l.startsWith("ok expect ")).count(), program.output());
    }

    /** A call the program checks fails (enter on an R_DISABLED ring): exit 2, and its error after the lines before it. */
    @Test
    void aFailedCallExitsTwoWithItsErrorInOrder() throws Exception {
        Run run = console("""
                ring create entries=8 flags=R_DISABLED
                sqe nop user_data=1
                submit
                """);
        assertEquals(ScriptRunner.ERROR, run.exitCode(), run.output());
        CExportVerdictTest.Result program = c(run.journal());
        assertEquals(2, program.exitCode(), "the header promises 2 when a call failed\n" + program.output());
        List<String> lines = program.output().lines().toList();
        assertTrue(lines.getFirst().startsWith("ring r0: fd "), "stdout is line-buffered, so it comes first:\n"
                + program.output());
        assertTrue(lines.get(1).startsWith("r0: io_uring_enter: "), program.output());
    }

    /** The runtime's result formatting is the console's: errno names and CQE flag names come from the same tables. */
    @Test
    void resultNamesAreTheConsoles() {
        String names = CExporter.resultNames();
        assertTrue(names.contains("[22] = \"EINVAL\","), names);
        assertTrue(names.contains("[62] = \"ETIME\","), names);
        assertTrue(names.contains("{ 0x2u, \"MORE\" },"), names);
        assertTrue(names.contains("{ 0x8000u, \"F_32\" },"), names);
    }
}
