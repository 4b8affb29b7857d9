package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One ledger per ring (issue 9, items 5 to 8), on real rings: a CQE is attributed on its own ring,
 * exactly when one request in flight there has its user_data and by naming the candidates when
 * several do; expectations read only their ring's completions; drafts get distinct user_data.
 */
class RequestLedgerTest {
    @TempDir
    Path dir;

    String run(String script, int expectedExit) throws IOException {
        return Scripts.run(dir, script, expectedExit);
    }

    @Test
    void twoRequestsWithOneUserDataAreNamedAsCandidatesNeverGuessed() throws IOException {
        String out = run("""
                ring create entries=8
                sqe nop user_data=7
                sqe timeout user_data=7 ts=1ms
                submit wait=2
                """, ScriptRunner.PASSED);
        // the NOP's CQE was labelled "<- TIMEOUT" (the last SQE with that user_data won)
        assertFalse(out.contains("res=0 flags=0   <- TIMEOUT"), out);
        assertTrue(out.contains("cqe user_data=7 res=0 flags=0   <- NOP #1 or TIMEOUT #2\n"), out);
        assertTrue(out.contains("cqe user_data=7 res=-62 ETIME flags=0   <- NOP #1 or TIMEOUT #2\n"), out);
    }

    @Test
    void jsonNamesTheCandidatesAndNoSqe() throws IOException {
        String out = run("""
                ring create entries=8
                sqe nop user_data=7
                sqe timeout user_data=7 ts=1ms
                submit wait=2 --json
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("{\"type\":\"cqe\",\"ring\":\"r0\",\"user_data\":7,\"res\":0,\"flags\":0,\"flag_names\":[],"
                + "\"candidates\":[\"NOP #1\",\"TIMEOUT #2\"]}"), out);
    }

    @Test
    void aDuplicateUserDataInFlightOnTheRingIsWarnedAboutInOneLine() throws IOException {
        String out = run("""
                ring create entries=8
                sqe timeout user_data=7 ts=10s
                submit
                sqe nop user_data=7
                submit wait=1
                sqe nop user_data=8
                submit wait=1
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("\nwarning: NOP #2 has user_data=7, as TIMEOUT #1 in flight on r0 has: their CQEs will name both\n"
                + "submitted 1 SQE to r0\n"), out);
        assertFalse(out.contains("NOP #3 has"), out);
    }

    @Test
    void draftsGetTheirNumberAsDistinctDefaultUserData() throws IOException {
        String out = run("""
                ring create entries=8
                sqe nop
                sqe timeout ts=1ms
                submit wait=2
                sqe nop
                sqe copy
                sqe list
                submit wait=2
                """, ScriptRunner.PASSED);
        // both were user_data 0, and the NOP's CQE said "<- TIMEOUT"
        assertTrue(out.contains("cqe user_data=1 res=0 flags=0   <- NOP\n"), out);
        assertTrue(out.contains("cqe user_data=2 res=-62 ETIME flags=0   <- TIMEOUT\n"), out);
        assertTrue(out.contains("  sqe #3 NOP user_data=3\n  sqe #4 NOP user_data=4\n"), out);
        assertFalse(out.contains("warning:"), out);
    }

    @Test
    void aUserDataTypedByTheUserIsKeptByACopy() throws IOException {
        String out = run("sqe nop user_data=9\nsqe copy\nsqe list\n", ScriptRunner.PASSED);
        assertTrue(out.contains("  sqe #1 NOP user_data=9\n  sqe #2 NOP user_data=9\n"), out);
    }

    @Test
    void twoRingsWithTheSameUserDataKeepTheirLabels() throws IOException {
        String out = run("""
                ring create a entries=8
                sqe timeout user_data=5 ts=50ms
                submit
                ring create b entries=8
                sqe nop user_data=5
                submit wait=1
                ring use a
                wait wait=1
                """, ScriptRunner.PASSED);
        // the NOP on b took the label, and the TIMEOUT's CQE on a came without one
        assertTrue(out.contains("cqe user_data=5 res=0 flags=0   <- NOP\n"), out);
        assertTrue(out.contains("cqe user_data=5 res=-62 ETIME flags=0   <- TIMEOUT\n"), out);
    }

    @Test
    void aCancelTargetNamesARequestInFlightByItsDraftNumber() throws IOException {
        String out = run("""
                ring create entries=8
                sqe timeout user_data=40 ts=10s
                submit
                sqe async_cancel user_data=41 target=#1
                submit wait=2
                expect cqe user_data=41 res=0
                expect cqe user_data=40 res=-ECANCELED
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("sqe #2 ASYNC_CANCEL user_data=41 target=#1"), out);
    }

    @Test
    void anotherRingsCompletionNeverSatisfiesExpect() throws IOException {
        String out = run("""
                ring create a entries=8
                sqe nop user_data=1
                submit wait=1
                ring create b entries=8
                expect cqe user_data=1 timeout=10ms
                """, ScriptRunner.FAILED);
        assertTrue(out.contains("t.iou:5: expected cqe user_data=1, got no completion"), out);
        run("""
                ring create a entries=8
                sqe nop user_data=1
                submit wait=1
                ring create b entries=8
                expect cqe user_data=1 ring=a
                expect cqes=0 ring=a timeout=10ms
                """, ScriptRunner.PASSED);
    }

    @Test
    void aRecordedExpectOnAnotherRingReplays() throws IOException {
        Path recorded = dir.resolve("recorded.iou");
        run("""
                ring create a entries=8
                sqe timeout user_data=1 ts=20ms
                submit
                ring create b entries=8
                expect cqe user_data=1 res=-ETIME ring=a
                record %s
                """.formatted(recorded), ScriptRunner.PASSED);
        String replay = Scripts.run(recorded, ScriptRunner.PASSED);
        assertTrue(replay.contains("ok cqe user_data=1 res=-62 ETIME flags=0 ring=a"), replay);
    }

    @Test
    void aClosedRingsCompletionsAreGoneWithIt() throws IOException {
        run("""
                ring create a entries=8
                sqe nop user_data=1
                submit wait=1
                ring close a
                ring create b entries=8
                expect cqes=0 timeout=10ms
                """, ScriptRunner.PASSED);
    }

    @Test
    void leftoversFromAnotherRingNeverCount() throws IOException {
        run("""
                ring create a entries=8
                sqe nop user_data=1
                submit wait=1
                ring create b entries=8
                sqe nop user_data=2
                submit wait=1
                expect cqes=1 timeout=10ms
                expect cqe user_data=2
                """, ScriptRunner.PASSED);
    }

    @Test
    void expectNoCqesWatchesTheWholeTimeout() throws IOException {
        // a 30 ms timeout fires inside the 300 ms window: expect cqes=0 must see it and fail
        String out = run("""
                ring create entries=8
                sqe timeout user_data=1 ts=30ms
                submit
                expect cqes=0 timeout=300ms
                """, ScriptRunner.FAILED);
        assertTrue(out.contains("t.iou:4: expected cqes=0, got 1 unchecked completion"), out);
        long start = System.nanoTime();
        String none = run("ring create entries=8\nexpect cqes=0 timeout=50ms\n", ScriptRunner.PASSED);
        assertTrue(System.nanoTime() - start >= 50_000_000L, "expect cqes=0 timeout=50ms returned before 50 ms");
        assertFalse(none.contains("timed out"), none); // no CQE is what it hoped for, not a wait cut short
    }

    @Test
    void aMultishotRequestStaysAttachedUntilItsFinalCqe() throws IOException {
        String out = run("""
                ring create entries=8
                sqe timeout user_data=3 timeout_flags=MULTISHOT count=2 ts=1ms
                submit wait=2
                sqe nop user_data=3
                submit wait=1
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("  cqe user_data=3 res=-62 ETIME flags=0   #2, the last: 2 CQEs\n"), out);
        // the multishot request is done: the NOP with its user_data is alone in flight, no warning
        assertTrue(out.contains("cqe user_data=3 res=0 flags=0   <- NOP\n"), out);
        assertFalse(out.contains("warning:"), out);
    }
}
