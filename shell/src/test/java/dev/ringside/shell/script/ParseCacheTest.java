package dev.ringside.shell.script;

import dev.ringside.shell.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A line run again with the same words reuses its parse: it must do exactly what a fresh parse would. */
class ParseCacheTest {
    @TempDir
    Path dir;

    @Test
    void aLineRunAgainAfterTheSameCommandWithOtherWordsGetsItsOwnValuesBack() throws IOException {
        String out = Scripts.run(dir, """
                ring create entries=8
                repeat 3 {
                  sqe nop user_data=7
                  sqe nop user_data=9 nop_flags=INJECT_RESULT result=-EIO
                  submit wait=2
                  expect cqe user_data=7 res=0
                  expect cqe user_data=9 res=-EIO
                }
                """, ScriptRunner.PASSED);
        assertEquals(3, out.split("cqe user_data=9 res=-5 EIO flags=0", -1).length - 1, out);
    }

    @Test
    void aRepeatedLineThatFailsFailsEveryTimeWithItsColumn() throws IOException {
        String out = Scripts.run(dir, """
                ring create entries=8
                repeat 2 {
                  expect cqe user_data=5 res=0
                }
                """, ScriptRunner.FAILED);
        assertTrue(out.indexOf("t.iou:3") != out.lastIndexOf("t.iou:3"), out);
    }

    @Test
    void variablesThatChangeMakeANewLine() throws IOException {
        Scripts.run(dir, """
                ring create entries=8
                repeat 3 i {
                  sqe nop user_data=1$i
                  submit wait=1
                  expect cqe user_data=1$i res=0
                }
                """, ScriptRunner.PASSED);
    }

    @Test
    void jsonStaysPerLine() throws IOException {
        String out = Scripts.run(dir, """
                ring create entries=8
                repeat 2 {
                  sqe nop user_data=3
                  submit wait=1 --json
                  sqe nop user_data=4
                  submit wait=1
                }
                """, ScriptRunner.PASSED);
        // the --json submit prints JSON both times, the plain one text both times
        assertEquals(2, out.split("submitted 1 SQE to", -1).length - 1, out);
        assertTrue(out.lines().filter(l -> l.startsWith("{")).count() >= 2, out);
    }
}
