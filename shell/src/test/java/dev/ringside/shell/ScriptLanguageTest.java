package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The script language on real rings: variables, repeat blocks, include, require, sleep, and where errors point. */
class ScriptLanguageTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    String run(Path file, int expectedExit) {
        return Scripts.run(file, expectedExit);
    }

    @Test
    void variablesExpandInAnyWordAsDollarNameOrBraced() throws IOException {
        String out = run(write("t.iou", """
                let UD=7 RES=-EIO
                ring create entries=4
                sqe nop user_data=$UD nop_flags=INJECT_RESULT result=${RES}
                sqe nop user_data=${UD}1
                submit wait=2
                expect cqe user_data=$UD res=$RES
                expect cqe user_data=71 res=0
                """), ScriptRunner.PASSED);
        assertTrue(out.contains("ok cqe user_data=7 res=-5 EIO"), out);
        assertTrue(out.contains("ok cqe user_data=71 res=0"), out);
    }

    @Test
    void anUndefinedVariableNamesTheDefinedOnesAtItsColumn() throws IOException {
        String out = run(write("t.iou", "let A=1 B=2\nring create\nsqe nop user_data=$C\n"), ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:3:19: error: undefined variable $C; defined: A, B"), out);
    }

    @Test
    void dottedReferencesAreLeftForTheResources() throws IOException {
        // $pipe.r is not a variable: it reaches the command untouched, whatever the command makes of it
        String out = run(write("t.iou", "let X=1\nlet Y=$pipe.r\nlet\n"), ScriptRunner.PASSED);
        assertTrue(out.contains("Y=$pipe.r"), out);
    }

    @Test
    void repeatRunsItsBodyWithACounterAndNests() throws IOException {
        String out = run(write("t.iou", """
                ring create entries=16
                repeat 2 outer {
                  repeat 3 inner {
                    sqe nop user_data=${outer}${inner}
                  }
                }
                submit wait=6
                expect cqe user_data=11
                expect cqe user_data=23
                expect cqes=4
                """), ScriptRunner.PASSED);
        assertTrue(out.contains("submitted 6 SQEs"), out);
    }

    @Test
    void anErrorInsideARepeatBlockNamesItsOwnLineAndColumn() throws IOException {
        String out = run(write("t.iou", "ring create\nrepeat 2 {\n\n   sqe nop usr_data=1\n}\n"), ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:4:12: error: no field 'usr_data' for NOP"), out);
    }

    @Test
    void anUnclosedOrStrayBraceIsAnErrorAtItsLine() throws IOException {
        assertTrue(run(write("a.iou", "ring create\nrepeat 2 {\nsqe nop\n"), ScriptRunner.ERROR)
                .contains("a.iou:2:1: error: this repeat block is never closed"));
        assertTrue(run(write("b.iou", "ring create\n  }\n"), ScriptRunner.ERROR)
                .contains("b.iou:2:3: error: '}' without a 'repeat ... {' to close"));
        assertTrue(run(write("c.iou", "repeat lots {\n}\n"), ScriptRunner.ERROR)
                .contains("c.iou:1:8: error: repeat needs a count"));
    }

    @Test
    void includeIsRelativeToTheIncludingFileAndSharesTheSession() throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        write("lib/nops.iou", "# two NOPs on the current ring\nsqe nop user_data=$FIRST\nsqe nop user_data=2\n");
        String out = run(write("t.iou", "let FIRST=1\nring create\ninclude lib/nops.iou\nsubmit wait=2\nexpect cqes=2\n"),
                ScriptRunner.PASSED);
        assertTrue(out.contains("submitted 2 SQEs"), out);
    }

    @Test
    void errorsAndFailuresInAnIncludedFileNameThatFileAndTheIncludeLine() throws IOException {
        Path inc = write("inc.iou", "sqe nop user_data=5\nsubmit wait=1\nexpect cqe user_data=5 res=-EIO\nsqe bogus\n");
        Path main = write("t.iou", "ring create\n\ninclude inc.iou\n");
        String out = run(main, ScriptRunner.ERROR);
        assertTrue(out.contains(inc + ":3: expected cqe user_data=5 res=-5 EIO, got cqe user_data=5 res=0 flags=0 (included from "
                + main + ":3)"), out);
        assertTrue(out.contains(inc + ":4:5: error: unknown opcode 'bogus'"), out);
        assertTrue(out.contains("(included from " + main + ":3)"), out);
    }

    @Test
    void aMissingOrSelfIncludedFileIsAnError() throws IOException {
        assertTrue(run(write("a.iou", "include nowhere.iou\n"), ScriptRunner.ERROR)
                .contains("a.iou:1:9: error: cannot read the included file"));
        assertTrue(run(write("self.iou", "include self.iou\n"), ScriptRunner.ERROR)
                .contains("includes nest deeper than 16"));
    }

    @Test
    void anUnmetRequireSkipsWithItsReasonAndRunsNothingAfter() throws IOException {
        String out = run(write("t.iou", "require kernel>=99.0\nring create\n"), ScriptRunner.SKIPPED);
        assertTrue(out.contains("t.iou:1: skipped: needs kernel >=99.0, running "), out);
        assertTrue(out.contains("t.iou: skipped (needs kernel >=99.0, running "), out);
        assertFalse(out.contains("ring r0"), out);
    }

    @Test
    void metRequirementsLetTheScriptRun() throws IOException {
        // every kernel ringside supports (6.1+) has NOP, NODROP and SINGLE_ISSUER; the tests run as root
        String out = run(write("t.iou", "require kernel>=6.1 op=NOP feature=NODROP setup=SINGLE_ISSUER root\nring create\n"),
                ScriptRunner.PASSED);
        assertTrue(out.contains("ok require"), out);
    }

    @Test
    void aRefusedSetupFlagSkipsWithTheKernelsAnswer() throws IOException {
        String out = run(write("t.iou", "require setup=DEFER_TASKRUN\n"), ScriptRunner.SKIPPED);
        assertTrue(out.contains("this kernel refuses setup flags DEFER_TASKRUN: io_uring_setup: -EINVAL"), out);
    }

    @Test
    void aWrongRequirementIsAnErrorNamingTheValidForms() throws IOException {
        String out = run(write("t.iou", "require kernal>=6.1\n"), ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:1:9: error: unknown requirement 'kernal>=6.1'; valid: op=OPCODE, setup=FLAGS"), out);
        out = run(write("u.iou", "require op=NOPE\n"), ScriptRunner.ERROR);
        assertTrue(out.contains("u.iou:1:9: error: unknown opcode 'NOPE'"), out);
    }

    @Test
    void sleepWaitsAndRejectsNonDurations() throws IOException {
        long start = System.nanoTime();
        run(write("t.iou", "sleep 20ms\n"), ScriptRunner.PASSED);
        assertTrue(System.nanoTime() - start >= 20_000_000L);
        assertTrue(run(write("u.iou", "sleep soon\n"), ScriptRunner.ERROR).contains("u.iou:1:7: error: sleep DURATION: 'soon' is not a duration"));
    }

    @Test
    void aRingFdReferenceGivesThatRingsFdOrNamesTheRings() throws IOException {
        String out = run(write("t.iou", "ring create a\nlet FD=%a\nlet\n"), ScriptRunner.PASSED);
        assertTrue(out.matches("(?s).*ring a: fd (\\d+),.*FD=\\1\\n.*"), out);
        out = run(write("u.iou", "ring create a\nlet FD=%b\n"), ScriptRunner.ERROR);
        assertTrue(out.contains("u.iou:2:8: error: %b names no ring: no ring 'b'"), out);
    }
}
