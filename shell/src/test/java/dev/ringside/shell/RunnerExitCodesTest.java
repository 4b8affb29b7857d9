package dev.ringside.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ringside [run] FILE...}: one verdict line per script, a closing count, and the exit code of the worst. */
class RunnerExitCodesTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    Outcome main(String... args) {
        StringWriter text = new StringWriter();
        int code = Main.run(List.of(args), new PrintWriter(text, true));
        return new Outcome(code, text.toString());
    }

    String script(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void allPassingExitsZero() throws IOException {
        String pass = script("pass.iou", "ring create\nsqe nop user_data=1\nsubmit wait=1\nexpect cqe user_data=1 res=0\n");
        Outcome o = main("run", pass, pass);
        assertEquals(0, o.code(), o.out());
        assertEquals("2 passed, 0 failed, 0 errors, 0 skipped", o.lastLine());
        assertTrue(o.out().contains(pass + ": passed (1 expectations met, 0 failed)"), o.out());
    }

    @Test
    void quietPrintsOnlyTheFailureAndTheVerdicts() throws IOException {
        String pass = script("pass.iou", "ring create\nsqe nop user_data=1\nsubmit wait=1\nexpect cqe user_data=1 res=0\n");
        String fail = script("fail.iou", "ring create\nsqe nop user_data=1\nsubmit wait=1\nexpect cqe user_data=1 res=-EIO\n");
        Outcome loud = main("run", pass, fail);
        Outcome quiet = main("run", "--quiet", pass, fail);
        assertEquals(1, quiet.code(), quiet.out());
        assertEquals(loud.code(), quiet.code());
        assertTrue(loud.out().contains("submitted 1 SQE to"), loud.out());
        List<String> lines = quiet.out().strip().lines().toList();
        // the verdicts, the closing line and the one failure line (which names the kernel's res=0): nothing else
        assertEquals(4, lines.size(), quiet.out());
        assertEquals(pass + ": passed (1 expectations met, 0 failed)", lines.get(0));
        assertTrue(lines.get(1).startsWith(fail + ":4: "), quiet.out());
        assertTrue(lines.get(1).contains("res=0"), quiet.out());
        assertEquals(fail + ": FAILED (0 expectations met, 1 failed)", lines.get(2));
        assertEquals("1 passed, 1 failed, 0 errors, 0 skipped", lines.get(3));
    }

    @Test
    void aFailedExpectationExitsOneAndSkipsDoNotHideIt() throws IOException {
        String fail = script("fail.iou", "ring create\nsqe nop user_data=1\nsubmit wait=1\nexpect cqe user_data=1 res=-EIO\n");
        String skip = script("skip.iou", "require kernel>=99\n");
        Outcome o = main(fail, skip);
        assertEquals(1, o.code(), o.out());
        assertEquals("0 passed, 1 failed, 0 errors, 1 skipped", o.lastLine());
    }

    @Test
    void aScriptErrorExitsTwoAndCountsAsAnErrorNotAFailure() throws IOException {
        String pass = script("pass.iou", "ring create\n");
        String broken = script("broken.iou", "ring craete\n");
        String fail = script("fail.iou", "ring create\nexpect cqe timeout=1ms\n");
        Outcome o = main("run", pass, broken, fail);
        assertEquals(2, o.code(), o.out());
        assertEquals("1 passed, 1 failed, 1 error, 0 skipped", o.lastLine());
        assertTrue(o.out().contains(broken + ": ERROR"), o.out());
    }

    @Test
    void allSkippedExitsSeventySevenWithTheReasons() throws IOException {
        String skip = script("skip.iou", "require kernel<2.6\n");
        Outcome o = main("run", skip);
        assertEquals(77, o.code(), o.out());
        assertEquals("0 passed, 0 failed, 0 errors, 1 skipped", o.lastLine());
        assertTrue(o.out().contains(skip + ": skipped (needs kernel <2.6, running "), o.out());
    }

    @Test
    void somePassedAndSomeSkippedIsAPass() throws IOException {
        Outcome o = main(script("pass.iou", "ring create\n"), script("skip.iou", "require kernel>=99\n"));
        assertEquals(0, o.code(), o.out());
        assertEquals("1 passed, 0 failed, 0 errors, 1 skipped", o.lastLine());
    }

    @Test
    void runWithoutFilesIsAnError() {
        Outcome o = main("run");
        assertEquals(2, o.code(), o.out());
        assertTrue(o.out().startsWith("ringside run: name at least one script"), o.out());
    }
}
