package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A loop's lines are read once and the reading reused (Dispatcher.runScriptLine) only while a fresh read would
 * give the same: the same expanded words, the same catalogue, the same declared syntax. Each pass otherwise reads
 * the line again, and its errors still name file:line:column.
 */
class ScriptLineReadingTest {
    @TempDir
    Path dir;

    @Test
    void aLineThatExpandsOtherwiseIsReadAgainAndItsErrorNamesItsColumn() throws IOException {
        String out = Scripts.run(dir, """
                ring create
                let w=1
                repeat 3 {
                  sqe nop
                  submit wait=$w
                  let w=x
                }
                """, ScriptRunner.ERROR);
        assertEquals(1, count(out, "submitted 1 SQE"), out);
        assertTrue(out.contains("t.iou:5:10: error: wait: "), out);
    }

    @Test
    void theSameWordsUnderAnotherCatalogueAreReadAgain() throws IOException {
        // with the profile BPF_EXT is a setup flag; once it is unloaded the same line no longer parses
        String out = Scripts.run(dir, """
                require !cap=IORING_SETUP_BPF_EXT
                profile load bpf-ext
                repeat 2 {
                  ring create x flags=BPF_EXT expect=-EINVAL
                  profile unload bpf-ext
                }
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:4:17: error: flags: unknown setup flag 'BPF_EXT'"), out);
    }

    @Test
    void aLoopsPassesRunLikeTheLinesWrittenOut() throws IOException {
        String looped = Scripts.run(dir, """
                ring create entries=4
                repeat 3 {
                  sqe nop
                  sqe nop nop_flags=INJECT_RESULT result=-EAGAIN
                  submit wait=2
                  sqe list
                }
                sqe nop user_data=9
                submit wait=1
                expect cqe user_data=9 res=0
                """, ScriptRunner.PASSED);
        String pass = """
                  sqe nop
                  sqe nop nop_flags=INJECT_RESULT result=-EAGAIN
                  submit wait=2
                  sqe list
                """;
        String written = Scripts.run(dir, "ring create entries=4\n" + pass + pass + pass + """
                sqe nop user_data=9
                submit wait=1
                expect cqe user_data=9 res=0
                """, ScriptRunner.PASSED);
        assertEquals(written, looped);
        assertEquals(3, count(looped, "res=-11 EAGAIN"), looped);
    }

    @Test
    void aDraftReferenceIsReadAgainEachPass() throws IOException {
        // sqe set #N reads the drafts: on the second pass draft #1 is gone (submitted), so the line is an error there
        String out = Scripts.run(dir, """
                ring create
                repeat 2 {
                  sqe nop
                  sqe set #1 user_data=7
                  submit wait=1
                }
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("cqe user_data=7 res=0"), out);
        assertTrue(out.contains("t.iou:4:"), out);
        assertTrue(out.contains("no draft #1"), out);
    }

    @Test
    void submitsOptionsAreReadForEachArgsAndAnErrorMidLoopNamesItsColumn() throws IOException {
        // submit keeps what a kept line's options said; the line read again (reap=$r changed) is checked again
        String out = Scripts.run(dir, """
                ring create entries=4
                let r=yes
                repeat 3 {
                  sqe nop
                  submit wait=1 reap=$r
                  let r=no
                }
                """, ScriptRunner.ERROR);
        assertEquals(1, count(out, "submitted 1 SQE"), out);
        assertTrue(out.contains("t.iou:5:10: error: "), out);
        assertTrue(out.contains("reap=no leaves the CQEs in the CQ ring and wait= reaps them"), out);
    }

    @Test
    void aKeptSubmitLineWaitsAsItsWordsSayEachPass() throws IOException {
        // the same submit line each pass, after a pass with two drafts: the kept options wait for 1, then the count given
        String out = Scripts.run(dir, """
                ring create entries=8
                repeat 3 {
                  sqe nop
                  sqe nop
                  submit 1 wait=1
                  submit wait=1
                }
                sqe list
                """, ScriptRunner.PASSED);
        assertEquals(6, count(out, "submitted 1 SQE"), out);
        assertEquals(6, count(out, "res=0"), out);
        assertTrue(out.contains("no SQE drafts"), out);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }
}
