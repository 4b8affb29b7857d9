package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Script errors name file:line:column and the valid choices, with no stack trace. */
class ScriptErrorsTest {
    @TempDir
    Path dir;

    String run(String script, int expectedExit) throws IOException {
        return Scripts.run(dir, script, expectedExit);
    }

    @Test
    void unknownCommandSuggestsTheClosest() throws IOException {
        String out = run("rign create\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:1:1: error: unknown command 'rign' (did you mean ring?)"), out);
    }

    @Test
    void unknownSubcommandListsTheValidOnes() throws IOException {
        String out = run("ring craete\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:1:6: error: unknown ring subcommand 'craete' (did you mean create?)"), out);
    }

    @Test
    void wrongFieldNamesTheValidOnesAndTheColumn() throws IOException {
        String out = run("ring create\nsqe nop  usr_data=1\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:2:10: error: no field 'usr_data' for NOP (did you mean user_data?); valid: nop_flags, result"), out);
    }

    @Test
    void wrongFlagNamesTheValidOnes() throws IOException {
        String out = run("ring create flags=SINGLE_ISUER\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:1:13: error: flags: unknown setup flag 'SINGLE_ISUER'"), out);
        assertTrue(out.contains("did you mean SINGLE_ISSUER?"), out);
    }

    @Test
    void kernelRejectionShowsErrnoAndCause() throws IOException {
        String out = run("ring create flags=DEFER_TASKRUN\n", ScriptRunner.ERROR);
        // the generic cause gives way to the one a trial isolated
        assertTrue(out.contains("io_uring_setup: -EINVAL (Invalid argument): DEFER_TASKRUN requires SINGLE_ISSUER"), out);
    }

    @Test
    void rawAddressesNeedUnsafeMode() throws IOException {
        String out = run("ring create\nsqe read fd=0 addr=0x1000 len=4\nsubmit\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:3:1: error: addr=0x1000 is not in a session buffer: READ reads addr as a pointer to"
                + " len=4 bytes (it writes them): use a session buffer (@name) or 'set unsafe on'"), out);
    }

    @Test
    void flagsParseWithOrWithoutPrefixInAnyCase() throws IOException {
        String out = run("""
                ring create entries=4
                sqe timeout user_data=7 timeout_flags=iorIng_timeout_abs|ETIME_SUCCESS ts=1ms
                submit wait=1
                expect cqe user_data=7 res=-ETIME
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("sqe #1 TIMEOUT user_data=7 timeout_flags=iorIng_timeout_abs|ETIME_SUCCESS"), out);
    }

    @Test
    void expectWithoutACompletionFailsAfterItsTimeout() throws IOException {
        String out = run("ring create\nexpect cqe user_data=9 timeout=20ms\n", ScriptRunner.FAILED);
        assertTrue(out.contains("t.iou:2: expected cqe user_data=9, got no completion"), out);
    }

    @Test
    void memShowsTheHeadsAndTailsMove() throws IOException {
        String out = run("ring create\nsqe nop user_data=1\nsqe nop user_data=2\nsubmit wait=2\nmem cq\nmem sq\n", ScriptRunner.PASSED);
        assertTrue(out.matches("(?s).*cq ring of r0 \\(live\\)\\n  head +2\\n  tail +2\\n.*"), out);
        assertTrue(out.matches("(?s).*sq ring of r0 \\(live\\)\\n  head +2\\n  tail +2\\n.*"), out);
    }

    @Test
    void aFlagWithoutItsFamilyPrefixIsSuggested() throws IOException {
        String out = run("sqe nop flags=LINK\n", ScriptRunner.ERROR);
        assertTrue(out.contains("unknown sqe flag 'LINK' (did you mean IO_LINK?)"), out);
    }
}
