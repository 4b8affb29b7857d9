package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The zcrx commands on this kernel: the registration zcrx.iou makes, byte for byte as liburing's
 * test/zcrx.c builds it, and the kernel's answer; bad input as one-line errors. The receive path
 * itself runs in examples/zcrx.iou on a kernel with ZCRX_REG_NODEV (7.2 in the VM).
 */
class ZcrxCommandTest {
    @TempDir
    Path dir;

    String run(String script, int expectedExit) throws IOException {
        Path file = dir.resolve("t.iou");
        Files.writeString(file, script);
        StringWriter out = new StringWriter();
        int code = Main.runScript(file, new PrintWriter(out, true));
        String text = out.toString();
        assertEquals(expectedExit, code, text);
        assertFalse(text.contains("Exception"), text);
        assertFalse(text.contains("\tat "), text);
        return text;
    }

    @Test
    void onAKernelWithoutNodevTheAnswerIsEinvalAndNoIfqIsKept() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.ringside.tracer.register.ZcrxQuery.ofKernel(-1).result() != 0
                || (dev.ringside.tracer.register.ZcrxQuery.ofKernel(-1).registerFlags() & 2) == 0, "this kernel has ZCRX_REG_NODEV");
        String out = run("""
                ring create r entries=8 flags=SINGLE_ISSUER|DEFER_TASKRUN|CQE32
                buf alloc area 4096 pages
                zcrx register zc area=area flags=NODEV expect=-EINVAL
                buf list
                zcrx show zc
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("= -22 EINVAL"), out);
        // nr_args 1 (liburing's io_uring_register_ifq), area_ptr and region_ptr to the two structs, the region USER
        assertTrue(out.contains("IORING_REGISTER_ZCRX_IFQ (32)") && out.contains("nr_args 1)"), out);
        assertTrue(out.contains("io_uring_zcrx_area_reg") && out.contains("io_uring_region_desc"), out);
        assertTrue(out.matches("(?s).*rq_entries +64.*flags +NODEV.*len +4096.*size +8192.*flags +USER.*"), out);
        // the refill queue's memory lives only while registered: a refused call frees it
        assertTrue(out.lines().anyMatch(l -> l.startsWith("buffer area: 4096")), out);
        assertTrue(out.contains("refill queue @zc_rq: 8192 bytes") || out.contains("refill queue @zc_rq: 4096 bytes"), out);
        assertFalse(out.lines().anyMatch(l -> l.startsWith("buffer zc_rq")), "buf list after the refusal\n" + out);
        assertTrue(out.contains("error: no zcrx ifq 'zc'; make one with zcrx register"), out);
    }

    @Test
    void badInputIsOneLineNamingTheCause() throws IOException {
        assertTrue(run("""
                ring create r entries=8 flags=SINGLE_ISSUER|DEFER_TASKRUN|CQE32
                zcrx register zc flags=NODEV
                """, ScriptRunner.ERROR).contains("zcrx register needs area=BUF"));
        assertTrue(run("""
                ring create r entries=8 flags=SINGLE_ISSUER|DEFER_TASKRUN|CQE32
                zcrx register zc flags=IMPORT
                """, ScriptRunner.ERROR).contains("flags=IMPORT needs from=FD"));
        assertTrue(run("""
                ring create r entries=8
                zcrx rq push nope
                """, ScriptRunner.ERROR).contains("no zcrx ifq 'nope'"));
        assertTrue(run("""
                ring create r entries=8
                zcrx ctrl flsh zc
                """, ScriptRunner.ERROR).contains("flsh"));
        assertTrue(run("""
                ring create r entries=8
                buf alloc area 4096 pages
                zcrx register zc area=area events=NOPE
                """, ScriptRunner.ERROR).contains("events:"));
    }

    @Test
    void queryShowsTheKernelsAnswer() throws IOException {
        var q = dev.ringside.tracer.register.ZcrxQuery.ofKernel(-1);
        String out = run("zcrx query\n", ScriptRunner.PASSED);
        if (q.answered()) {
            assertTrue(out.contains("rq_hdr_size " + q.rqHdrSize() + ", rq_hdr_alignment " + q.rqHdrAlignment()), out);
        } else {
            assertTrue(out.contains("IO_URING_QUERY_ZCRX on fd -1: not answered (" + q.result()), out);
        }
    }
}
