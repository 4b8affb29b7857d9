package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** expect beyond one CQE: the count of unchecked CQEs, the ring headers read live, the buffer id. */
class ExpectExtensionsTest {
    @TempDir
    Path dir;

    String run(String script, int expectedExit) throws IOException {
        return Scripts.run(dir, script, expectedExit);
    }

    static final String TWO_NOPS = "ring create entries=4\nsqe nop user_data=1\nsqe nop user_data=2\nsubmit wait=2\n";

    @Test
    void headersMatchWhatTheKernelDid() throws IOException {
        String out = run(TWO_NOPS + "expect sq head=2 tail=2 dropped=0 ring_entries=4\nexpect cq tail=2 head=2 overflow=0 flags=0\n",
                ScriptRunner.PASSED);
        assertTrue(out.contains("ok sq head=2 tail=2 dropped=0 ring_entries=4"), out);
    }

    @Test
    void aWrongHeaderValueFailsWithTheLiveOne() throws IOException {
        String out = run(TWO_NOPS + "expect cq tail=5 overflow=0 timeout=10ms\n", ScriptRunner.FAILED);
        assertTrue(out.contains("t.iou:5: expected cq tail=5 overflow=0, got cq tail=2 overflow=0"), out);
    }

    @Test
    void anUnknownHeaderFieldNamesTheValidOnes() throws IOException {
        String out = run(TWO_NOPS + "expect sq overflow=0\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:5:11: error: expect sq has no option 'overflow'; valid: head, tail, ring_mask"), out);
    }

    @Test
    void cqesCountsTheUncheckedCompletions() throws IOException {
        run(TWO_NOPS + "expect cqes=2\nexpect cqe user_data=1\nexpect cqes=1\n", ScriptRunner.PASSED);
        String out = run(TWO_NOPS + "expect cqes=3 timeout=20ms\n", ScriptRunner.FAILED);
        assertTrue(out.contains("t.iou:5: expected cqes=3, got 2 unchecked completions"), out);
    }

    @Test
    void aBufferIdNeedsTheBufferFlag() throws IOException {
        String out = run(TWO_NOPS + "expect cqe user_data=1 bid=0\n", ScriptRunner.FAILED);
        assertTrue(out.contains("expected cqe user_data=1 bid=0, got cqe user_data=1 res=0 flags=0 (no IORING_CQE_F_BUFFER, so no bid)"), out);
    }

    @Test
    void bufferContentsMatchTextOrHexAndAMismatchShowsTheBytes() throws IOException {
        String ok = run("buf alloc b text=hello\nexpect buf b text=\"hello\"\nexpect buf b hex=6c6c offset=2\n", ScriptRunner.PASSED);
        assertTrue(ok.contains("ok buf b offset=2 text=\"ll\""), ok);
        String out = run("buf alloc b text=hello\nexpect buf b text=help\n", ScriptRunner.FAILED);
        assertTrue(out.contains("t.iou:2: expected buf b text=\"help\", got text=\"hell\""), out);
    }

    @Test
    void expectAloneSaysWhatItChecks() throws IOException {
        String out = run("expect\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:1:1: error: expect needs what to check: cqe ..., cqes=N, sq FIELD=VALUE or cq FIELD=VALUE"), out);
    }
}
