package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The comparison grammar of expect (FIELD[&MASK] OP VALUE[,VALUE...]) and the forms issue 16 asked for
 * (after=/before=, expect order, expect buf same=, big=), on real rings: a NOP completes with res 0 and no
 * flags, and a TIMEOUT of 10ms completes with -ETIME no sooner than 10ms after its submit, after the NOP.
 */
class ExpectComparisonsTest {
    @TempDir
    Path dir;

    String run(String script, int expectedExit) throws IOException {
        return Scripts.run(dir, script, expectedExit);
    }

    static final String NOP_AND_TIMEOUT = "ring create entries=4\nsqe timeout user_data=2 ts=10ms\nsqe nop user_data=1\nsubmit\n";

    @Test
    void comparisonsHoldOnWhatTheKernelAnswered() throws IOException {
        String out = run(NOP_AND_TIMEOUT + "expect cqe user_data=1 res>=0 flags&MORE=0\nexpect cqe user_data=2 res=-EINVAL,-ETIME res!=0\n",
                ScriptRunner.ERROR);
        assertTrue(out.contains("res is given twice"), out);
        out = run(NOP_AND_TIMEOUT + "expect cqe user_data=1 res>=0 flags&MORE=0\nexpect cqe user_data<=2 res=-EINVAL,-ETIME\n"
                + "expect cq tail>=2 overflow<1\n", ScriptRunner.PASSED);
        assertTrue(out.contains("ok cqe user_data=1 res>=0 flags&MORE=0"), out);
        assertTrue(out.contains("ok cqe user_data<=2 res=-EINVAL,-ETIME"), out);
        assertTrue(out.contains("ok cq tail>=2 overflow<1"), out);
    }

    @Test
    void aComparisonThatDoesNotHoldFailsNamingIt() throws IOException {
        String out = run(NOP_AND_TIMEOUT + "expect cqe user_data=2 res>=0\n", ScriptRunner.FAILED);
        assertTrue(out.contains("t.iou:5: expected cqe user_data=2 res>=0, got cqe user_data=2 res=-62 ETIME flags=0 (failed: res>=0)"), out);
        out = run(NOP_AND_TIMEOUT + "expect cqe user_data=1 res=-EINVAL,-EOPNOTSUPP\n", ScriptRunner.FAILED);
        assertTrue(out.contains("(failed: res=-EINVAL,-EOPNOTSUPP)"), out);
        out = run(NOP_AND_TIMEOUT + "expect cqe user_data=1 flags&MORE=MORE\n", ScriptRunner.FAILED);
        assertTrue(out.contains("(failed: flags&MORE=MORE)"), out);
    }

    @Test
    void aWrongOperatorOrFieldIsOneLineNamingTheValidOnes() throws IOException {
        String out = run(NOP_AND_TIMEOUT + "expect cqe res=>0\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:5:12: error: res: '=>' is no operator; valid: = != < <= > >="), out);
        out = run(NOP_AND_TIMEOUT + "expect cqe resx>=0\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: expect cqe has no field 'resx' (did you mean res?); the fields that compare are: user_data, res, flags, bid"), out);
        out = run(NOP_AND_TIMEOUT + "expect cqe res<0,1\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: res: alternatives (0,1) go with = only, not <"), out);
        out = run(NOP_AND_TIMEOUT + "expect cqe flags&BOGUS=0\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: flags: unknown cqe flag 'BOGUS'; valid: BUFFER, MORE"), out);
    }

    @Test
    void legacyFormsKeepTheirMeaning() throws IOException {
        // flags=0 is exact: a CQE without flags; res=0 one value
        String out = run(NOP_AND_TIMEOUT + "expect cqe user_data=1 res=0 flags=0\nexpect cq tail=2\n", ScriptRunner.PASSED);
        assertTrue(out.contains("ok cqe user_data=1 res=0 flags=0"), out);
    }

    @Test
    void aTenMillisecondTimeoutFiresNoSoonerThanTenMilliseconds() throws IOException {
        run(NOP_AND_TIMEOUT + "expect cqe user_data=2 res=-ETIME after=10ms before=10s\n", ScriptRunner.PASSED);
        String out = run(NOP_AND_TIMEOUT + "expect cqe user_data=2 after=5s\n", ScriptRunner.FAILED);
        assertTrue(out.contains("expected cqe user_data=2 after=5s, got cqe user_data=2 res=-62 ETIME flags=0 (reaped "), out);
        assertTrue(out.contains("(failed: time)"), out);
        out = run(NOP_AND_TIMEOUT + "expect cqe user_data=2 after=1s before=10ms\n", ScriptRunner.ERROR);
        assertTrue(out.contains("before=10ms is not later than after=1s"), out);
    }

    @Test
    void orderIsTheReapOrderOfTheFirstCompletions() throws IOException {
        run(NOP_AND_TIMEOUT + "expect cqe user_data=1\nexpect order 1 2\n", ScriptRunner.PASSED);
        String out = run(NOP_AND_TIMEOUT + "expect order 2 1\n", ScriptRunner.FAILED);
        assertTrue(out.contains("t.iou:5: expected order 2 1, got reaped in order 1 2"), out);
        // a user_data submitted again counts from that submit: the old completion of 1 no longer answers
        out = run(NOP_AND_TIMEOUT + "expect order 1 2\nsqe nop user_data=1\nsubmit\nexpect order 2 1\n", ScriptRunner.PASSED);
        assertTrue(out.contains("ok order 2 1"), out);
    }

    @Test
    void twoBuffersCompareByteForByte() throws IOException {
        String buffers = "buf alloc a 8 text=abcdef\nbuf alloc b 8 text=xabcdeg\n";
        String out = run(buffers + "expect buf a same=@b+1 len=5\n", ScriptRunner.PASSED);
        assertTrue(out.contains("ok buf a same=@b+1 len=5"), out);
        out = run(buffers + "expect buf a same=@b+1 len=6\n", ScriptRunner.FAILED);
        assertTrue(out.contains("got byte 5 differs: 0x66 vs 0x67"), out);
        out = run(buffers + "expect buf a same=b\n", ScriptRunner.ERROR);
        assertTrue(out.contains("same= takes another buffer as @NAME or @NAME+OFFSET"), out);
    }

    @Test
    void aBigCqesExtraBytesAreChecked() throws IOException {
        // a NOP on a CQE32 ring posts its 16 extra bytes zeroed (without IORING_NOP_CQE32)
        String ring = "ring create entries=4 flags=CQE32\nsqe nop user_data=9\nsubmit wait=1\n";
        run(ring + "expect cqe user_data=9 big=00000000000000000000000000000000\n", ScriptRunner.PASSED);
        String out = run(ring + "expect cqe user_data=9 big=01000000000000000000000000000000\n", ScriptRunner.FAILED);
        assertTrue(out.contains("(failed: big)"), out);
        out = run("ring create entries=4\nsqe nop user_data=9\nsubmit wait=1\nexpect cqe user_data=9 big=00000000000000000000000000000000\n",
                ScriptRunner.FAILED);
        assertTrue(out.contains("(failed: big (not a 32-byte CQE))"), out);
    }
}
