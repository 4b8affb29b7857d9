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

/** The register opcodes once reachable only through 'register raw', by name, on real rings. */
class RegisterOpcodesTest {
    @TempDir
    Path dir;

    record Run(int code, String out) {
    }

    Run script(String script) throws IOException {
        Path file = dir.resolve("t.iou");
        Files.writeString(file, script);
        StringWriter out = new StringWriter();
        int code = Main.runScript(file, new PrintWriter(out, true));
        String text = out.toString();
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
        return new Run(code, text);
    }

    String run(String script, int expectedExit) throws IOException {
        Run r = script(script);
        assertEquals(expectedExit, r.code(), r.out());
        return r.out();
    }

    @Test
    void clonedBuffersAreUsableFromTheOtherRingAndACloneOverThemIsBusy() throws IOException {
        String out = run("""
                ring create r1 entries=8
                pipe p
                buf alloc b text=hello
                buf alloc got 8
                register buffers b
                ring create r2 entries=8
                register clone_buffers ring=r1 expect=0
                sqe write_fixed user_data=1 fd=$p.w addr=@b len=5 buf_index=0
                sqe read user_data=2 fd=$p.r addr=@got len=5
                submit wait=2
                expect cqe user_data=1 res=5
                expect cqe user_data=2 res=5
                expect buf got text="hello"
                register clone_buffers src_fd=%r1 expect=-EBUSY
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("IORING_REGISTER_CLONE_BUFFERS (30)"), out);
        assertTrue(out.contains("r2 shares @b (fixed buffer 0 of r1)"), out);
        assertTrue(out.contains("5 expectations met"), out);
    }

    @Test
    void iowqAffinityIsACpuMaskOfWholeLongs() throws IOException {
        String out = run("""
                ring create entries=8
                register iowq_aff cpus=0 expect=0
                unregister iowq_aff expect=0
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("IORING_REGISTER_IOWQ_AFF (17), 0x") && out.contains("nr_args 8)"), out);
        assertTrue(out.contains("cpu_set_t (8 bytes): cpus 0"), out);
        String bad = run("""
                ring create entries=8
                register iowq_aff cpus=3-1
                """, ScriptRunner.ERROR);
        assertTrue(bad.contains("t.iou:2:") && bad.contains("error: cpus: '3-1' is not a CPU or a range LOW-HIGH of CPUs 0..65535"), bad);
    }

    @Test
    void sendMsgRingPostsToTheTargetWithoutARing() throws IOException {
        String out = run("""
                ring create a entries=8
                ring create b entries=8
                register send_msg_ring ring_fd=%a command=DATA result=7 cqe_user_data=99 expect=0
                ring use a
                expect cqe user_data=99 res=7
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("io_uring_register(-1 (no ring), IORING_REGISTER_SEND_MSG_RING (31)"), out);
        assertTrue(out.contains("command         DATA"), out);
    }

    @Test
    void aResizedRingIsRefusedUntilClosed() throws IOException {
        String refused = run("""
                ring create plain entries=8
                register resize_rings sq_entries=16 expect=-EINVAL
                ring create r entries=8 flags=SINGLE_ISSUER|DEFER_TASKRUN
                register resize_rings sq_entries=16 cq_entries=64 expect=0
                sqe nop
                submit
                """, ScriptRunner.ERROR);
        assertTrue(refused.contains("IORING_REGISTER_RESIZE_RINGS (33)"), refused);
        assertTrue(refused.contains("r now has 16 SQ entries and 64 CQ entries"), refused);
        assertTrue(refused.contains("t.iou:6:1: error: ring r was resized (IORING_REGISTER_RESIZE_RINGS)"), refused);
        run("""
                ring create r entries=8 flags=SINGLE_ISSUER|DEFER_TASKRUN
                register resize_rings sq_entries=32 expect=0
                ring close
                ring create r entries=8
                sqe nop user_data=1
                submit wait=1
                expect cqe user_data=1 res=0
                """, ScriptRunner.PASSED);
    }

    @Test
    void queryAndBpfFilterShowTheKernelsAnswer() throws IOException {
        for (String what : new String[]{"query", "bpf_filter"}) {
            Run r = script("ring create entries=8\nregister " + what + "\n");
            String op = what.equals("query") ? "IORING_REGISTER_QUERY (35)" : "IORING_REGISTER_BPF_FILTER (37)";
            assertTrue(r.out().contains(op + ", NULL, nr_args 0)"), r.out());
            if (r.out().contains("= -22 EINVAL")) {
                assertEquals(ScriptRunner.ERROR, r.code(), r.out());
                // established by a trial IORING_REGISTER_QUERY, not guessed from the errno
                assertTrue(r.out().contains("does not know " + op), r.out());
            } else {
                assertEquals(ScriptRunner.PASSED, r.code(), r.out());
                assertTrue(r.out().contains("  = 0"), r.out());
            }
        }
    }

    @Test
    void registerExpectCountsAsAnExpectationAndAMismatchFailsTheScript() throws IOException {
        String out = run("""
                ring create entries=8
                register probe expect=0
                unregister personality id=65000 expect=0
                expect cqes=0
                """, ScriptRunner.FAILED);
        assertTrue(out.contains("t.iou:3: expected IORING_UNREGISTER_PERSONALITY = 0, got -"), out);
        assertTrue(out.contains("2 expectations met, 1 failed"), out);
    }
}
