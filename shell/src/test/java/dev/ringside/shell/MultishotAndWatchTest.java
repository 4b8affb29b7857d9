package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multishot CQEs grouped under their SQE, and watch in a script: bounded, headers printed, CQEs left for expect. */
class MultishotAndWatchTest {
    @TempDir
    Path dir;

    String run(String script, int expectedExit) throws IOException {
        return Scripts.run(dir, script, expectedExit);
    }

    @Test
    void multishotTimeoutCqesGoUnderTheirSqeWithACount() throws IOException {
        String out = run("""
                ring create entries=4
                sqe nop user_data=1
                sqe timeout user_data=2 timeout_flags=MULTISHOT count=3 ts=1ms
                submit wait=4 timeout=2s
                expect cqe user_data=2 flags=MORE
                expect cqe user_data=2 flags=MORE
                expect cqe user_data=2 flags=0
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("cqe user_data=1 res=0 flags=0   <- NOP"), out);
        assertTrue(out.matches("(?s).*\nsqe TIMEOUT user_data=2 timeout_flags=MULTISHOT count=3 ts=1ms   multishot:\n"
                + "  cqe user_data=2 res=-62 ETIME flags=MORE   #1\n"
                + "  cqe user_data=2 res=-62 ETIME flags=MORE   #2\n"
                + "  cqe user_data=2 res=-62 ETIME flags=0   #3, the last: 3 CQEs\n.*"), out);
    }

    @Test
    void multishotCqesOverSeveralWaitsRepeatTheSqeLine() throws IOException {
        String out = run("""
                ring create entries=4
                sqe timeout user_data=3 timeout_flags=MULTISHOT count=2 ts=20ms
                submit wait=1 timeout=2s
                wait wait=1 timeout=2s
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("multishot:\n  cqe user_data=3 res=-62 ETIME flags=MORE   #1\n"), out);
        assertTrue(out.contains("multishot, continued:\n  cqe user_data=3 res=-62 ETIME flags=0   #2, the last: 2 CQEs"), out);
    }

    @Test
    void watchInAScriptPrintsHeadersAndStopsWithoutReaping() throws IOException {
        long start = System.nanoTime();
        String out = run("""
                ring create entries=4
                sqe timeout user_data=5 ts=20ms
                submit
                watch for=100ms interval=10ms
                expect cqe user_data=5 res=-ETIME
                """, ScriptRunner.PASSED);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3000, "watch for=100ms took " + millis + " ms");
        assertTrue(out.contains("watching r0 (all every 10ms, CQEs left unreaped) for 100ms"), out);
        assertTrue(out.matches("(?s).*s sq head=1 tail=1 flags=0 dropped=0\n.*"), out);
        assertTrue(out.matches("(?s).*s cq head=0 tail=0 overflow=0 flags=0\n.*s cq head=0 tail=1 overflow=0 flags=0\n.*"), out);
        assertTrue(out.contains("cqe user_data=5 res=-62 ETIME flags=0   <- TIMEOUT   (not reaped)"), out);
        assertTrue(out.matches("(?s).*watched r0 for \\d+ms: \\d+ header changes, 1 new CQEs; stopped by time.*"), out);
    }

    @Test
    void watchReapsOnlyWhenAsked() throws IOException {
        String out = run("""
                ring create entries=4
                sqe timeout user_data=6 ts=20ms
                submit
                watch cq for=100ms interval=10ms
                mem cq
                watch cq for=10ms reap=yes
                mem cq
                expect cqe user_data=6
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("cqe user_data=6 res=-62 ETIME flags=0   <- TIMEOUT   (not reaped)\n"), out);
        assertTrue(out.matches("(?s).*cq ring of r0 \\(live\\)\\s+head +0\\s+tail +1.*"), out);
        assertTrue(out.contains("cqe user_data=6 res=-62 ETIME flags=0   <- TIMEOUT\n"), out);
        assertTrue(out.matches("(?s).*cq ring of r0 \\(live\\)\\s+head +1\\s+tail +1.*"), out);
    }

    @Test
    void watchInAScriptNeedsABoundAndKnownWords() throws IOException {
        assertTrue(run("ring create\nwatch cq\n", ScriptRunner.ERROR)
                .contains("t.iou:2:1: error: without a terminal nothing can stop a watch: give for=DURATION, e.g. watch cq for=50ms"));
        assertTrue(run("ring create\nwatch cqs for=1ms\n", ScriptRunner.ERROR)
                .contains("t.iou:2:7: error: watch WHAT: 'cqs' is not one of sq, cq, all (did you mean cq?)"));
        assertTrue(run("ring create\nwatch interval=0ms for=1ms\n", ScriptRunner.ERROR)
                .contains("interval must be between 1ms and 10s"));
        assertTrue(run("ring create\nwatch for=1ms reap=maybe\n", ScriptRunner.ERROR)
                .contains("reap: 'maybe' is not one of no, yes"));
    }
}
