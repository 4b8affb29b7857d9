package dev.ringside.shell.export;

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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The values of part lang exported to C and run on the real kernel: an fd an OPENAT returned, used by number
 * in later SQEs (the program uses the fd its own OPENAT returned), submit reap=no, submit expect=, mem poke.
 * The program must reach the console's verdicts; record writes the lines back as they ran.
 */
class CExportValuesTest {
    private static final Pattern TALLY = Pattern.compile("\\((\\d+) expectations? met, (\\d+) failed\\)");

    @TempDir
    Path dir;

    @BeforeEach
    void needsGcc() throws IOException, InterruptedException {
        Assumptions.assumeTrue(CExportVerdictTest.exec(List.of("sh", "-c", "command -v gcc")).exitCode() == 0, "gcc is not installed");
    }

    @Test
    void theProgramReadsThroughTheFdItsOwnOpenatReturned() throws Exception {
        Path data = dir.resolve("data.txt");
        Files.writeString(data, "hello world");
        String script = String.join("\n",
                // console fds first, so the console's and the program's fd numbers differ
                "pipe p", "pipe q",
                "ring create entries=4",
                "buf alloc path 256 text=" + data,
                "buf alloc in 16",
                "sqe openat as=open dirfd=-100 path=@path",
                "submit wait=1",
                "let fd=$open.res",
                "sqe read user_data=2 fd=$fd addr=@in len=16",
                "submit wait=1",
                "expect cqe user_data=2 res=11",
                "expect buf in text=\"hello world\"",
                "sqe read user_data=3 fd=$((0+$open.res)) addr=@in len=5 off=6",
                "submit wait=1",
                "expect cqe user_data=3 res=5",
                "sqe close user_data=4 fd=$open.res",
                "submit wait=1",
                "expect cqe user_data=4 res=0") + "\n";
        String c = both(script);
        assertTrue(c.contains("sqe->fd = result_of(&rings[0], 1ULL, 0);"), c);
    }

    @Test
    void aCommandNamingAnAdoptedFdUsesTheFdTheProgramsOwnCompletionReturned() throws Exception {
        String c = both(String.join("\n",
                // console fds first, so the console's and the program's fd numbers differ
                "pipe p", "pipe q",
                "ring create entries=4",
                "register files $p.r",
                "sqe fixed_fd_install as=install fd=0 flags=FIXED_FILE",
                "submit wait=1",
                "expect cqe res>=0",
                "sys write $p.w text=hello expect=5",
                "buf alloc in 8",
                "sys read install.fd into=in len=5 expect=5",
                "expect buf in text=hello",
                "sys close install.fd expect=0") + "\n");
        assertTrue(c.contains("read(result_of(&rings[0], 1ULL, 0), buf_in, 5)"), c);
        assertTrue(c.contains("close(result_of(&rings[0], 1ULL, 0))"), c);
    }

    @Test
    void aUdpPairAloneBringsTheRuntimeThatMakesIt() throws Exception {
        String c = both("""
                ring create entries=4
                udp u
                buf alloc out text=ping
                buf alloc in 8
                sqe send user_data=1 fd=$u.0 addr=@out len=4
                submit wait=1
                expect cqe user_data=1 res=4
                sqe recv user_data=2 fd=$u.1 addr=@in len=8
                submit wait=1
                expect cqe user_data=2 res=4
                expect buf in text=ping
                """);
        assertTrue(c.contains("udp_pair(&"), c);
    }

    @Test
    void reapNoSubmitExpectAndMemPokeReachTheSameVerdicts() throws Exception {
        String c = both("""
                set unsafe on
                ring create entries=4
                repeat 12 i {
                  sqe nop user_data=$i
                }
                submit 4 reap=no
                mem poke cq.head=4 cq.flags=EVENTFD_DISABLED
                submit 4 reap=no
                submit reap=no
                expect cq tail=12 head=4 overflow=0 flags=EVENTFD_DISABLED
                expect sq flags=0
                ring create d entries=4 flags=R_DISABLED
                sqe nop user_data=99
                submit expect=-EBADFD
                """);
        assertTrue(c.contains("header_poke(&rings[0], 0, \"head\", 4U);"), c);
        assertTrue(c.contains("ring_submit_expect(&rings[1], \"submit expect=-77\", -77);"), c);
        assertFalse(c.contains("ring_reap(&rings[0]);"), "reap=no: nothing reaped between the submits\n" + c);
    }

    /** Runs the script in the console and as exported C; both pass with the same number of expectations met. Returns the C. */
    private String both(String text) throws Exception {
        Path script = dir.resolve("values.iou");
        Files.writeString(script, text);
        StringWriter out = new StringWriter();
        int consoleExit = Main.runScript(script, new PrintWriter(out, true));
        assertEquals(ScriptRunner.PASSED, consoleExit, out.toString());
        Matcher tally = TALLY.matcher(out.toString());
        assertTrue(tally.find(), out.toString());
        String c = CExporter.fromScript(script);
        Path source = dir.resolve("values.c");
        Files.writeString(source, c);
        Path binary = dir.resolve("values");
        CExportVerdictTest.Result gcc = CExportVerdictTest.exec(List.of("gcc", "-Wall", "-Werror", "-o", binary.toString(), source.toString()));
        assertEquals(0, gcc.exitCode(), gcc.output());
        CExportVerdictTest.Result program = CExportVerdictTest.exec(List.of(binary.toString()));
        assertEquals(0, program.exitCode(), program.output() + "\n--- console:\n" + out);
        assertEquals(Long.parseLong(tally.group(1)), program.output().lines().filter(l -> l.startsWith("ok expect ")).count(),
                program.output() + "\n--- console:\n" + out);
        return c;
    }
}
