package dev.ringside.shell.export;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.Main;
import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Registrations exported to C on the real kernel: each struct kind (fd arrays, iovecs behind an
 * update2, an eventfd, a ring's own fd, a source ring's fd, sparse tables, a buffer ring, plain structs, NULL) gets the
 * kernel's same answer in the program as in the console, expect= keeps its verdict, and an argument
 * the exporter cannot describe is refused in one line.
 */
class RegisterExportTest {
    /** The console's call line, its decoded argument, then "  = RES"; the program's one line. */
    private static final Pattern CONSOLE = Pattern.compile(
            "^io_uring_register\\([^,]+, (\\w+) \\(\\d+\\),[^\\n]*\\n(?:(?!  = )[^\\n]*\\n)*?  = (-?\\d+(?: E[A-Z0-9]+)?)", Pattern.MULTILINE);
    private static final Pattern C = Pattern.compile(
            "^io_uring_register\\([^,]+, (\\w+) \\(\\d+\\), nr_args \\d+\\) = (-?\\d+(?: E[A-Z0-9]+)?)$", Pattern.MULTILINE);
    private static final Pattern TALLY = Pattern.compile("\\((\\d+) expectations? met, (\\d+) failed\\)");

    @TempDir
    Path dir;

    @BeforeEach
    void needsGcc() throws IOException, InterruptedException {
        Assumptions.assumeTrue(CExportVerdictTest.exec(List.of("sh", "-c", "command -v gcc")).exitCode() == 0,
                "gcc is not installed");
    }

    @Test
    void everyDescribedArgumentGetsTheSameAnswerInC() throws Exception {
        Run run = both("""
                ring create entries=8
                eventfd e
                pipe p
                buf alloc a text=hello
                buf alloc b 8
                register eventfd $e.fd
                register buffers sparse=4
                register buffers_update off=2 a b expect=2
                register files sparse=4
                register files_update off=1 $p.r $p.w -1 expect=3
                register file_alloc_range off=2 len=2
                register ring_fds expect=1
                register pbuf_ring group=3 entries=2 size=16
                register pbuf_status group=3 expect=0
                register iowq_max_workers bound=0 unbound=0
                register probe
                unregister pbuf_ring group=3
                unregister buffers
                unregister files
                unregister eventfd
                register buffers a
                ring create dst entries=8
                register clone_buffers ring=r0 expect=0
                register iowq_aff cpus=0 expect=0
                unregister iowq_aff
                ring close dst
                ring close r0
                """);
        assertEquals(ScriptRunner.PASSED, run.consoleExit(), run.console());
        List<String> console = calls(run.console(), CONSOLE);
        assertEquals(19, console.size(), run.console());
        assertFalse(console.stream().anyMatch(c -> c.contains("= -")), run.console());
        assertEquals(console, calls(run.c(), C), run.c());
        assertEquals(6, run.consoleMet(), run.console());
        assertEquals(run.consoleMet(), run.c().lines().filter(l -> l.startsWith("ok expect register ")).count(), run.c());
        assertEquals(0, run.cExit(), run.c());
    }

    @Test
    void aFailedExpectIsAFailureInCToo() throws Exception {
        Run run = both("""
                ring create entries=8
                register zcrx_ctrl op=FLUSH_RQ zcrx_id=0 expect=0
                register file_alloc_range off=0 len=1 expect=-EBUSY
                ring close
                """);
        assertEquals(ScriptRunner.FAILED, run.consoleExit(), run.console());
        assertEquals(calls(run.console(), CONSOLE), calls(run.c(), C), run.c());
        assertEquals(2, run.c().lines().filter(l -> l.startsWith("FAILED expect register ")).count(), run.c());
        assertEquals(1, run.cExit(), run.c());
    }

    @Test
    void anArgumentNotDescribedIsRefusedInOneLine() throws Exception {
        Path script = dir.resolve("cancel.iou");
        Files.writeString(script, "ring create entries=8\npipe p\nregister sync_cancel fd=$p.r flags=FD expect=-ENOENT\nring close\n");
        ConsoleException e = assertThrows(ConsoleException.class, () -> CExporter.fromScript(script));
        assertEquals("export c: cannot reproduce 'register sync_cancel fd=$p.r flags=FD expect=-ENOENT' in C yet: the argument"
                + " of IORING_REGISTER_SYNC_CANCEL is not described for export yet (which of its bytes are addresses or fds)",
                e.getMessage());
    }

    @Test
    void aSessionBufferArgumentIsRefusedUnlessItsOpcodeTakesNoAddresses() throws Exception {
        Path script = dir.resolve("raw.iou");
        Files.writeString(script, "set unsafe on\nring create entries=8\nbuf alloc v 16\nregister raw op=BUFFERS arg=@v nr=1 expect=0\nring close\n");
        ConsoleException e = assertThrows(ConsoleException.class, () -> CExporter.fromScript(script));
        assertEquals("export c: cannot reproduce 'register raw op=BUFFERS arg=@v nr=1 expect=0' in C yet: the argument of"
                + " IORING_REGISTER_BUFFERS is session buffer @v, whose bytes may hold the console's addresses or fds; only"
                + " structs without either are exported", e.getMessage());
    }

    record Run(int consoleExit, String console, int consoleMet, int cExit, String c) {
    }

    private Run both(String text) throws Exception {
        Path script = dir.resolve("register.iou");
        Files.writeString(script, text);
        StringWriter out = new StringWriter();
        int consoleExit = Main.runScript(script, new PrintWriter(out, true));
        Matcher tally = TALLY.matcher(out.toString());
        assertTrue(tally.find(), out.toString());
        Path c = dir.resolve("register.c");
        Files.writeString(c, CExporter.fromScript(script));
        Path binary = dir.resolve("register");
        CExportVerdictTest.Result gcc = CExportVerdictTest.exec(List.of("gcc", "-Wall", "-Werror", "-o", binary.toString(),
                c.toString()));
        assertEquals(0, gcc.exitCode(), gcc.output());
        CExportVerdictTest.Result program = CExportVerdictTest.exec(List.of(binary.toString()));
        return new Run(consoleExit, out.toString(), Integer.parseInt(tally.group(1)), program.exitCode(),
                program.output() + "\n--- console:\n" + out);
    }

    private static List<String> calls(String output, Pattern line) {
        List<String> out = new ArrayList<>();
        Matcher m = line.matcher(output);
        while (m.find()) {
            out.add(m.group(1) + " = " + m.group(2));
        }
        return out;
    }
}
