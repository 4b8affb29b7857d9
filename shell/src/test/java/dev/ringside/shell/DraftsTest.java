package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drafts as a list: linked chains drawn as chains, submitting the first N, naming another draft's user_data. */
class DraftsTest {
    @TempDir
    Path dir;

    @Test
    void linkedDraftsShowAsOneChain() throws IOException {
        String out = Scripts.run(dir, """
                sqe nop user_data=1 flags=IO_LINK
                sqe nop user_data=2 flags=IO_HARDLINK
                sqe nop user_data=3
                sqe nop user_data=4
                sqe list
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("\u250c sqe #1 NOP user_data=1 flags=IO_LINK\n"
                + "\u2502 sqe #2 NOP user_data=2 flags=IO_HARDLINK\n"
                + "\u2514 sqe #3 NOP user_data=3\n"
                + "  sqe #4 NOP user_data=4\n"), out);
    }

    @Test
    void submitNSendsTheFirstNAndKeepsTheRest() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                sqe nop user_data=1
                sqe nop user_data=2
                sqe nop user_data=3
                submit 2 wait=2
                expect cqes=2
                sqe list
                submit wait=1
                expect cqe user_data=3 res=0
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("submitted 2 SQEs to r0"), out);
        assertTrue(out.contains("  sqe #3 NOP user_data=3\n"), out); // draft numbers are session-wide
    }

    @Test
    void submitNBeyondTheDraftsIsRefused() throws IOException {
        String out = Scripts.run(dir, "ring create\nsqe nop\nsubmit 3\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:3:8: error: there are 1 drafts; cannot submit 3"), out);
    }

    @Test
    void aCancelNamesItsTargetByDraftNumber() throws IOException {
        Scripts.run(dir, """
                ring create
                sqe timeout user_data=40 ts=10s
                sqe async_cancel user_data=41 target=#1
                submit wait=2
                expect cqe user_data=41 res=0
                expect cqe user_data=40 res=-ECANCELED
                """, ScriptRunner.PASSED);
        String out = Scripts.run(dir, "sqe async_cancel target=#3\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: no draft #3"), out);
    }
}
