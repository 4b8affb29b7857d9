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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session fds (socketpair, eventfd, file open) and buffers in SQE fields, and every kind of expect,
 * exported to C on the real kernel: the program reaches the console's verdict on each expectation,
 * met or failed, and exits as the script did.
 */
class CExportVerdictTest {
    private static final Pattern TALLY = Pattern.compile("\\((\\d+) expectations? met, (\\d+) failed\\)");

    @TempDir
    Path dir;

    @BeforeEach
    void needsGcc() throws IOException, InterruptedException {
        Assumptions.assumeTrue(exec(List.of("sh", "-c", "command -v gcc")).exitCode() == 0, "gcc is not installed");
    }

    String script(String... checks) throws IOException {
        Path file = dir.resolve("data.txt");
        Files.writeString(file, "ring\0side");
        return String.join("\n",
                "ring create entries=8",
                "socketpair s",
                "eventfd e initial=3",
                "file open f " + file,
                "buf alloc b 16 fill=0x2a",
                "buf alloc out text=abcd",
                "sqe write user_data=1 fd=$s.0 addr=@out len=@out.len",
                "sqe read user_data=2 fd=$s.1 addr=@b+2 len=4",
                "submit wait=2",
                "expect cqe user_data=1 res=4",
                "expect cqe user_data=2 res=4",
                "sqe read user_data=3 fd=$e.fd addr=@b+8 len=8",
                "sqe read user_data=4 fd=$f.fd addr=@b len=2",
                "submit wait=2",
                "expect cqes=2",
                "expect cqe user_data=3 res=8",
                "expect cqe user_data=4 res=2",
                "close s",
                String.join("\n", checks)) + "\n";
    }

    @Test
    void metExpectationsAreMetInCToo() throws Exception {
        Verdicts v = both(script(
                "expect buf b hex=7269616263642a2a0300000000000000",
                "expect buf b offset=2 text=abcd",
                "expect cqes=0 timeout=10ms",
                "expect cq head=4 tail=4 overflow=0",
                "expect sq head=4 tail=4 ring_entries=8"));
        assertEquals(ScriptRunner.PASSED, v.consoleExit(), v.console());
        assertEquals(10, v.consoleMet(), v.console());
        assertEquals(v.consoleMet(), v.cMet(), v.c());
        assertEquals(0, v.cExit(), v.c());
    }

    @Test
    void failedExpectationsFailInCToo() throws Exception {
        Verdicts v = both(script(
                "expect buf b offset=2 text=abce",
                "expect cqes=1 timeout=10ms",
                "expect cq tail=5 timeout=10ms",
                "expect sq dropped=1 timeout=10ms",
                "expect cqe user_data=9 timeout=10ms"));
        assertEquals(ScriptRunner.FAILED, v.consoleExit(), v.console());
        assertEquals(5, v.consoleFailed(), v.console());
        assertEquals(v.consoleFailed(), v.cFailed(), v.c());
        assertEquals(v.consoleMet(), v.cMet(), v.c());
        assertEquals(1, v.cExit(), v.c());
    }

    /** The comparison forms, timing, order, two buffers and big bytes: each met and each failed reach the same verdict in C. */
    @Test
    void comparisonsOrderTimingAndSameBytesReachTheConsolesVerdictInC() throws Exception {
        String ring = String.join("\n",
                "ring create entries=8",
                "sqe timeout user_data=2 ts=10ms",
                "sqe nop user_data=1",
                "sqe nop user_data=3",
                "submit",
                "buf alloc a 8 text=abcd",
                "buf alloc c 8 text=abce",
                "");
        Verdicts met = both(ring + String.join("\n",
                "expect cqe user_data=1 res>=0 flags&MORE=0",
                "expect cqe user_data=2 res=-EINVAL,-ETIME after=10ms before=30s",
                "expect cqe user_data>=3 res!=-EAGAIN",
                "expect order 1 3 2",
                "expect cq tail>=3 overflow<1",
                "expect buf a same=@c len=3") + "\n");
        assertEquals(ScriptRunner.PASSED, met.consoleExit(), met.console());
        assertEquals(6, met.consoleMet(), met.console());
        assertEquals(met.consoleMet(), met.cMet(), met.c());
        assertEquals(0, met.cExit(), met.c());
        Verdicts failed = both(ring + String.join("\n",
                "expect cqe user_data=1 res<0",
                "expect cqe user_data=2 after=20s",
                "expect cqe user_data=3 flags&MORE=MORE",
                "expect order 2 1",
                "expect cq tail<3 timeout=10ms",
                "expect buf a same=@c",
                "sqe nop user_data=4",
                "submit wait=1",
                "expect cqe user_data=4 big=00000000000000000000000000000000") + "\n");
        assertEquals(ScriptRunner.FAILED, failed.consoleExit(), failed.console());
        assertEquals(7, failed.consoleFailed(), failed.console());
        assertEquals(failed.consoleFailed(), failed.cFailed(), failed.c());
        assertEquals(failed.consoleMet(), failed.cMet(), failed.c());
        assertEquals(1, failed.cExit(), failed.c());
    }

    /** expect struct with the shared comparison on what the kernel wrote (statx) and on a network-order member: same verdicts in C. */
    @Test
    void structMemberComparisonsReachTheConsolesVerdictInC() throws Exception {
        Path file = dir.resolve("nine.txt");
        Files.writeString(file, "ring\0side");
        String setup = String.join("\n",
                "ring create entries=8",
                "buf alloc path 256 text=" + file,
                "struct st statx",
                "sqe statx user_data=1 dirfd=-100 path=@path mask=0x202 statxbuf=@st",
                "submit wait=1",
                "expect cqe user_data=1 res=0",
                "struct sa sockaddr_in sin_family=INET sin_port=8080 sin_addr=127.0.0.1",
                "");
        Verdicts met = both(setup + String.join("\n",
                "expect struct st stx_size=9 stx_mask&SIZE=SIZE stx_mode&0xf000=0x8000 stx_size>=9 stx_size<10 stx_nlink=1,2",
                "expect struct sa sin_port>=8000 sin_port=80,8080 sin_family!=10") + "\n");
        assertEquals(ScriptRunner.PASSED, met.consoleExit(), met.console());
        assertEquals(10, met.consoleMet(), met.console());
        assertEquals(met.consoleMet(), met.cMet(), met.c());
        assertEquals(0, met.cExit(), met.c());
        Verdicts failed = both(setup + String.join("\n",
                "expect struct st stx_size>9",
                "expect struct st stx_mode&0xf000=0x4000,0x2000",
                "expect struct sa sin_port<8080",
                "expect struct st stx_mask&SIZE=0") + "\n");
        assertEquals(ScriptRunner.FAILED, failed.consoleExit(), failed.console());
        assertEquals(4, failed.consoleFailed(), failed.console());
        assertEquals(failed.consoleFailed(), failed.cFailed(), failed.c());
        assertEquals(failed.consoleMet(), failed.cMet(), failed.c());
        assertEquals(1, failed.cExit(), failed.c());
    }

    /** expect= of plain calls, sockets and a thread join with alternatives and operators: the kernel's answers, same verdicts in C. */
    @Test
    void callAnswersTakeTheSharedComparisonInConsoleAndC() throws Exception {
        String setup = String.join("\n",
                "pipe p",
                "socket s inet stream",
                "bind $s.fd 127.0.0.1:0 expect=0,-EADDRINUSE",
                "socket c inet stream",
                "");
        Verdicts met = both(setup + String.join("\n",
                "sys write $p.w text=abc expect>=1",
                "sys write $p.w text=abc expect=2,3",
                "thread t after=1ms sys write $p.w text=xy",
                "thread join t expect=2,-EAGAIN",
                "connect $c.fd 127.0.0.1:$s.port expect=-ECONNREFUSED,-ECONNRESET",
                "sys close $p.r expect=0",
                "sys write $p.w text=x expect=-EPIPE,-EAGAIN",
                "sys write $p.w text=x expect<0") + "\n");
        assertEquals(ScriptRunner.PASSED, met.consoleExit(), met.console());
        assertEquals(8, met.consoleMet(), met.console());
        assertEquals(met.consoleMet(), met.cMet(), met.c());
        assertEquals(0, met.cExit(), met.c());
        Verdicts failed = both(setup + String.join("\n",
                "sys write $p.w text=abc expect>3",
                "thread t after=1ms sys write $p.w text=xy",
                "thread join t expect=1,3",
                "connect $c.fd 127.0.0.1:$s.port expect=0,-EINPROGRESS",
                "sys close $p.r expect=0",
                "sys write $p.w text=x expect>=0") + "\n");
        assertEquals(ScriptRunner.FAILED, failed.consoleExit(), failed.console());
        assertEquals(4, failed.consoleFailed(), failed.console());
        assertEquals(failed.consoleFailed(), failed.cFailed(), failed.c());
        assertEquals(failed.consoleMet(), failed.cMet(), failed.c());
        assertEquals(1, failed.cExit(), failed.c());
    }

    @Test
    void expectationsReadTheirOwnRingsCompletionsInCToo() throws Exception {
        Verdicts v = both(String.join("\n",
                "ring create a entries=8",
                "sqe nop user_data=1",
                "submit wait=1",
                "ring create b entries=8",
                "expect cqe user_data=1 timeout=10ms",
                "expect cqes=0 timeout=10ms",
                "sqe timeout user_data=2 ts=20ms",
                "submit",
                "expect cqes=0 timeout=300ms",
                "ring close b",
                "ring use a",
                "expect cqe user_data=1",
                "expect cqes=0 timeout=10ms") + "\n");
        // a's CQE is not b's; b's timeout fires inside the 300 ms that cqes=0 watches
        assertEquals(ScriptRunner.FAILED, v.consoleExit(), v.console());
        assertEquals(2, v.consoleFailed(), v.console());
        assertEquals(3, v.consoleMet(), v.console());
        assertEquals(v.consoleFailed(), v.cFailed(), v.c());
        assertEquals(v.consoleMet(), v.cMet(), v.c());
        assertEquals(1, v.cExit(), v.c());
    }

    record Verdicts(int consoleExit, String console, int consoleMet, int consoleFailed, int cExit, String c) {
        long cMet() {
            return c.lines().filter(l -> l.startsWith("ok expect ")).count();
        }

        long cFailed() {
            return c.lines().filter(l -> l.startsWith("FAILED expect ")).count();
        }
    }

    /** Runs the script in the console and as exported C. */
    Verdicts both(String text) throws Exception {
        Path script = dir.resolve("verdicts.iou");
        Files.writeString(script, text);
        StringWriter out = new StringWriter();
        int consoleExit = Main.runScript(script, new PrintWriter(out, true));
        Matcher tally = TALLY.matcher(out.toString());
        assertTrue(tally.find(), out.toString());
        Path c = dir.resolve("verdicts.c");
        Files.writeString(c, CExporter.fromScript(script));
        Path binary = dir.resolve("verdicts");
        Result gcc = exec(List.of("gcc", "-Wall", "-Werror", "-o", binary.toString(), c.toString()));
        assertEquals(0, gcc.exitCode(), gcc.output());
        Result program = exec(List.of(binary.toString()));
        return new Verdicts(consoleExit, out.toString(), Integer.parseInt(tally.group(1)), Integer.parseInt(tally.group(2)),
                program.exitCode(), program.output() + "\n--- console:\n" + out);
    }

    record Result(int exitCode, String output) {
    }

    static Result exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 30 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
