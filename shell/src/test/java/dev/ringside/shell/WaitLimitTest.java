package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every wait the user names is at most an hour and never negative, refused in one line (issue 12). */
class WaitLimitTest {
    @TempDir
    Path dir;

    String refused(String script) throws IOException {
        return Scripts.run(dir, script, ScriptRunner.ERROR);
    }

    @Test
    void submitTimeoutOf292YearsIsRefused() throws IOException {
        String out = refused("ring create\nsqe nop\nsubmit wait=1 timeout=9223372036854775807\n");
        assertTrue(out.contains("t.iou:3:15: error: timeout: 9223372036854775807 is more than an hour, the longest a wait may last"), out);
    }

    @Test
    void negativeAndOverAnHourWaitsAreRefused() throws IOException {
        String negative = refused("ring create\nwait timeout=-1s\n");
        assertTrue(negative.contains("t.iou:2:6: error: timeout: '-1s' is negative; a duration is 0 or more"),
                negative);
        String expect = refused("ring create\nexpect cqe user_data=1 timeout=61m\n");
        assertTrue(expect.contains("t.iou:2:24: error: timeout: 61m is more than an hour"), expect);
        String count = refused("ring create\nexpect cqes=0 timeout=2h\n");
        assertTrue(count.contains("t.iou:2:15: error: timeout: 2h is more than an hour"), count);
        String header = refused("ring create\nexpect cq head=0 timeout=1.5h\n");
        assertTrue(header.contains("t.iou:2:18: error: timeout: 1.5h is more than an hour"), header);
        String watch = refused("ring create\nwatch cq for=18446744073709551615\n");
        assertTrue(watch.contains("t.iou:2:10: error: for: 18446744073709551615 is more than an hour"), watch);
    }

    @Test
    void anHourItselfIsAccepted() throws IOException {
        // nothing to wait for: the wait ends at once, only the bound is checked
        String out = Scripts.run(dir, "ring create\nsqe nop user_data=1\nsubmit wait=1 timeout=1h\nexpect cqe user_data=1 res=0 timeout=1h\n",
                ScriptRunner.PASSED);
        assertTrue(out.contains("cqe user_data=1 res=0"), out);
    }

    @Test
    void sleepIsBoundedToo() throws IOException {
        String out = refused("sleep 9223372036854775807\n");
        assertTrue(out.contains("t.iou:1:7: error: sleep takes 0 to 60s, not 9223372036854775807"), out);
        String negative = refused("sleep -5ms\n");
        assertTrue(negative.contains("t.iou:1:7: error: sleep DURATION: '-5ms' is negative"), negative);
    }
}
