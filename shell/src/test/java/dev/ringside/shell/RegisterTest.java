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

/** register/unregister and mem pbuf on real rings, through scripts. */
class RegisterTest {
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
    void fixedBuffersRoundTripThroughAPipeAndStayPinnedUntilUnregistered() throws IOException {
        String out = run("""
                ring create entries=8
                pipe p
                buf alloc out text=hello
                buf alloc in 16
                register buffers out in
                sqe write_fixed user_data=1 fd=$p.w addr=@out len=5 buf_index=0
                sqe read_fixed user_data=2 fd=$p.r addr=@in len=5 buf_index=1
                submit wait=2
                expect cqe user_data=1 res=5
                expect cqe user_data=2 res=5
                expect buf in text="hello"
                unregister buffers
                buf free in
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("IORING_REGISTER_BUFFERS (0)"), out);
        assertTrue(out.contains("[1] iov_base=0x") && out.contains("(@in) iov_len=16"), out);
        assertTrue(out.contains("IORING_UNREGISTER_BUFFERS (1)"), out);
    }

    @Test
    void aRegisteredBufferCannotBeFreed() throws IOException {
        String out = run("""
                ring create entries=8
                buf alloc b 64
                register buffers b
                buf free b
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:4:10: error: buffer b is registered with ring r0 as fixed buffer 0"), out);
    }

    @Test
    void fixedFilesByIndex() throws IOException {
        run("""
                ring create entries=8
                pipe p
                buf alloc msg text=hi
                buf alloc got 8
                register files $p.r $p.w
                sqe write user_data=1 fd=1 flags=FIXED_FILE addr=@msg len=2
                sqe read user_data=2 fd=0 flags=FIXED_FILE addr=@got len=2
                submit wait=2
                expect cqe user_data=1 res=2
                expect cqe user_data=2 res=2
                expect buf got text="hi"
                """, ScriptRunner.PASSED);
    }

    @Test
    void providedBufferRingRecvShowsBidAndTheHeadMoves() throws IOException {
        String out = run("""
                ring create entries=8
                socketpair s
                buf alloc msg text=hello
                register pbuf_ring group=7 entries=4 size=32
                mem pbuf 7
                sqe send user_data=1 fd=$s.0 addr=@msg len=5
                sqe recv user_data=2 fd=$s.1 flags=BUFFER_SELECT buf_group=7 len=0
                submit wait=2
                expect cqe user_data=1 res=5
                expect cqe user_data=2 res=5 flags=BUFFER bid=0
                mem pbuf 7
                """, ScriptRunner.PASSED);
        int first = out.indexOf("buffer ring group 7");
        int second = out.indexOf("buffer ring group 7", first + 1);
        assertTrue(out.substring(first, second).contains("  head          0 "), out);
        assertTrue(out.substring(second).contains("  head          1 "), out);
        assertTrue(out.substring(second).contains("[0] taken     bid=0 len=32"), out);
        assertTrue(out.substring(second).contains("\"hello\""), out);
    }

    @Test
    void iowqMaxWorkersReturnsThePreviousLimits() throws IOException {
        String out = run("""
                ring create entries=8
                register iowq_max_workers bound=3 unbound=5
                register iowq_max_workers
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("previous limits: bound=3 unbound=5"), out);
    }

    @Test
    void anOpcodeTheKernelRefusesShowsTheErrnoAndWhy() throws IOException {
        // 6.18 has no IORING_REGISTER_ZCRX_CTRL; a kernel that has it refuses zcrx_id 0 without an ifq
        String out = run("""
                ring create entries=8
                register zcrx_ctrl op=FLUSH_RQ zcrx_id=0
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("IORING_REGISTER_ZCRX_CTRL (36)"), out);
        assertTrue(out.matches("(?s).*t\\.iou:2:1: error: IORING_REGISTER_ZCRX_CTRL: -\\d+ E[A-Z]+.*"), out);
    }

    @Test
    void expectTurnsTheAnswerIntoAnExpectation() throws IOException {
        String out = run("""
                ring create entries=8
                register sync_cancel user_data=99 expect=0
                """, ScriptRunner.FAILED);
        assertTrue(out.contains("expected IORING_REGISTER_SYNC_CANCEL = 0, got -2 ENOENT"), out);
    }

    @Test
    void wrongNamesGiveOneLineErrors() throws IOException {
        String out = run("""
                ring create entries=8
                register bufers b
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:2:10: error: register has no 'bufers' (did you mean buffers?)"), out);
        out = run("""
                ring create entries=8
                register pbuf_ring group=1 entries=3 size=8
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("entries must be a power of two"), out);
        out = run("""
                ring create entries=8
                register raw op=NOPE
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("unknown register opcode 'NOPE'; valid: BUFFERS"), out);
    }
}
