package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values in scripts on real rings: let's integer expressions and $((EXPR)), the completions $cqe.res, $7.res
 * and $NAME.res (sqe as=NAME) capture, an fd the kernel returned used in a later SQE, submit reap=no and
 * expect=, and mem poke. The kernel's answers (CQEs, the header words it keeps, /proc/self/fd) are the oracle.
 */
class ScriptValuesTest {
    @TempDir
    Path dir;

    String run(String script, int exit) throws IOException {
        return Scripts.run(dir, script, exit);
    }

    @Test
    void letEvaluatesExpressionsAndKeepsTextAndQuotedValues() throws IOException {
        String out = run("""
                let a=5
                let b=$a+1 c="5+1" d=0x10 e=-EINVAL f=$((1<<4|1)) g=hello h=10ms i=$(( ($a + 1) * 2 )) j=-EINVAL+1
                let
                ring create entries=4
                sqe nop user_data=$((100+$b)) nop_flags=INJECT_RESULT result=$j
                submit wait=1
                expect cqe user_data=106 res=-21
                """, ScriptRunner.PASSED);
        for (String value : new String[] {"b=6", "c=5+1", "d=0x10", "e=-EINVAL", "f=17", "g=hello", "h=10ms", "i=12", "j=-21"}) {
            assertTrue(out.lines().anyMatch(l -> l.equals(value)), value + "\n" + out);
        }
    }

    @Test
    void oneLetLineSetsItsAssignmentsInOrder() throws IOException {
        String out = run("let a=5 b=$a+1 c=$((b0=$a*2))\nlet\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:1:"), out);
        out = run("let a=5 b=$a+1 c=$(($b*2))\nlet\n", ScriptRunner.PASSED);
        assertTrue(out.contains("a=5\nb=6\nc=12\n"), out);
    }

    @Test
    void expressionErrorsPointAtTheirColumn() throws IOException {
        assertTrue(run("let z=0\nlet x=10/$z\n", ScriptRunner.ERROR).contains("t.iou:2:9: error: x=10/0: division by zero"));
        assertTrue(run("ring create\nsqe nop user_data=$((7%0))\n", ScriptRunner.ERROR)
                .contains("t.iou:2:23: error: $((7%0)): remainder by zero"));
        assertTrue(run("let n=9223372036854775807\nlet m=$(($n+1))\n", ScriptRunner.ERROR)
                .contains("t.iou:2:7: error: $((9223372036854775807+1)): 9223372036854775807 + 1 overflows 64 bits"));
        assertTrue(run("let x=$((1+2\n", ScriptRunner.ERROR).contains("error: $(( without its matching ))"));
    }

    @Test
    void capturedCompletionsByExpectByUserDataAndByName() throws IOException {
        String out = run("""
                ring create entries=4
                sqe nop as=first user_data=0x10 nop_flags=INJECT_RESULT result=-EAGAIN
                sqe nop user_data=7 nop_flags=INJECT_RESULT result=42
                submit wait=2
                let a=$first.res b=$first.user_data c=$7.res d=$0x10.res f=$7.flags
                let
                expect cqe user_data=7
                sqe nop user_data=$(($cqe.res + 1))
                submit wait=1
                expect cqe user_data=43 res=0
                let e=$cqe.user_data
                let
                """, ScriptRunner.PASSED);
        for (String value : new String[] {"a=-11", "b=16", "c=42", "d=-11", "f=0", "e=43"}) {
            assertTrue(out.lines().anyMatch(l -> l.equals(value)), value + "\n" + out);
        }
    }

    @Test
    void capturesSayWhatIsMissing() throws IOException {
        assertTrue(run("ring create\nsqe nop as=n\nlet x=$n.res\n", ScriptRunner.ERROR)
                .contains("t.iou:3:7: error: $n.res: request n (#1) has not completed yet"));
        assertTrue(run("ring create\nsqe nop as=n\nsubmit wait=1\nlet x=$n.resu\n", ScriptRunner.ERROR)
                .contains("error: $n.resu: a completion has no member 'resu'; members: res, flags, user_data, bid"));
        assertTrue(run("let x=$cqe.res\n", ScriptRunner.ERROR).contains("error: $cqe.res: no 'expect cqe' has taken a completion yet"));
        assertTrue(run("ring create\nlet x=$9.res\n", ScriptRunner.ERROR).contains("error: $9.res: no completion with user_data=9 reaped yet"));
        assertTrue(run("ring create\nsqe nop user_data=3\nsubmit wait=1\nlet x=$3.bid\n", ScriptRunner.ERROR)
                .contains("$3.bid: the completion (user_data=3) has no IORING_CQE_F_BUFFER, so no buffer id"));
        assertTrue(run("ring create\nsqe nop as=cqe\n", ScriptRunner.ERROR).contains("and not cqe"));
    }

    /** The fd an OPENAT returned is the session's: a later READ may name it by number, and the session closes it. */
    @Test
    void anFdTheKernelReturnedIsUsableAndClosedAtSessionEnd() throws IOException {
        Path file = dir.resolve("data.txt");
        Files.writeString(file, "hello world");
        try (ConsoleFixture console = new ConsoleFixture()) {
            console.run("ring create entries=4");
            console.run("buf alloc p 256 text=" + file);
            console.run("buf alloc in 16");
            String opened = console.run("sqe openat as=open dirfd=-100 path=@p");
            opened = console.run("submit wait=1");
            Matcher fd = Pattern.compile("cqe user_data=1 res=(\\d+)").matcher(opened);
            assertTrue(fd.find(), opened);
            Path link = Path.of("/proc/self/fd/" + fd.group(1));
            assertTrue(Files.readSymbolicLink(link).equals(file), opened);
            assertTrue(opened.contains("is the session's as $open.fd"), opened);
            console.run("let fd=$open.res");
            String read = console.run("sqe read user_data=2 fd=$fd addr=@in len=16");
            read += console.run("submit wait=1");
            assertTrue(read.contains("cqe user_data=2 res=11"), read);
            console.run("sqe read user_data=3 fd=$open.fd addr=@in len=16 off=6");
            assertTrue(console.run("submit wait=1").contains("cqe user_data=3 res=5"));
            console.close();
            assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS) && isFile(link, file), "the session closed it");
        }
    }

    private static boolean isFile(Path link, Path file) {
        try {
            return Files.readSymbolicLink(link).equals(file);
        } catch (IOException gone) {
            return false;
        }
    }

    @Test
    void aRawFdNumberTheKernelDidNotReturnIsStillRefused() throws IOException {
        // fd 0: open in the JVM, never the session's
        assertTrue(run("ring create\nbuf alloc in 16\nsqe read fd=0 addr=@in len=16\nsubmit\n", ScriptRunner.ERROR)
                .contains("is not an fd of this session"));
    }

    /** liburing test/cq-overflow.c's test_overflow: 16 NOPs into 8 CQ slots without reaping; the kernel's header words say where they went. */
    @Test
    void submitWithoutReapingLetsTheCqOverflow() throws IOException {
        String out = run("""
                ring create entries=4
                repeat 16 i {
                  sqe nop user_data=$i
                }
                submit 4 reap=no
                submit 4 reap=no
                submit 4 reap=no
                submit reap=no
                expect cq tail=8 head=0 overflow=0
                expect sq flags=CQ_OVERFLOW
                wait wait=8
                wait wait=8
                expect cqes=16
                """, ScriptRunner.PASSED);
        assertFalse(out.contains("cqe user_data=1 res=0 flags=0\nsubmitted"), out);
        assertTrue(run("ring create\nsqe nop\nsubmit reap=no wait=1\n", ScriptRunner.ERROR).contains("give one of them"));
    }

    @Test
    void submitExpectCheckIoUringEntersOwnFailure() throws IOException {
        String out = run("""
                ring create entries=4 flags=R_DISABLED
                sqe nop user_data=1
                submit expect=-EBADFD
                submit expect=-EINVAL
                """, ScriptRunner.FAILED);
        assertTrue(out.contains("ok submit expect=-EBADFD"), out);
        assertTrue(out.contains("expected submit expect=-EINVAL, got io_uring_enter answered -77 EBADFD"), out);
        assertTrue(run("ring create\nsqe nop\nsubmit expect=-EBUSY\n", ScriptRunner.FAILED)
                .contains("got io_uring_enter succeeded: submitted 1"));
        assertTrue(run("ring create\nsqe nop\nsubmit expect=3\n", ScriptRunner.ERROR).contains("not 3"));
    }

    /** record writes the lines as typed; a submit expect= the kernel answered otherwise is kept with the errno it got. */
    @Test
    void recordReplaysValuesAndSubmitsAsAnswered() throws IOException {
        Path recorded = dir.resolve("rec.iou");
        run("let a=$((2*3))\nring create entries=4\nsqe nop as=n user_data=$a\nsubmit reap=no\nwait wait=1\nlet r=$n.res\n"
                + "ring create d flags=R_DISABLED\nsqe nop\nsubmit expect=-EINVAL\nrecord " + recorded + "\n", ScriptRunner.FAILED);
        String text = Files.readString(recorded);
        assertTrue(text.contains("let a=$((2*3))\nring create entries=4\nsqe nop as=n user_data=$a\nsubmit reap=no\nwait wait=1\n"
                + "expect cqe user_data=6 res=0 flags=0\nlet r=$n.res\n"), text);
        assertTrue(text.contains("\nsubmit expect=-EBADFD\n"), text);
        assertTrue(Scripts.run(recorded, ScriptRunner.PASSED).contains("ok submit expect=-EBADFD"));
    }

    @Test
    void memPokeIsUnsafeModesAndTheKernelSeesIt() throws IOException {
        assertTrue(run("ring create\nmem poke cq.flags=1\n", ScriptRunner.ERROR).contains("turn on 'set unsafe on' first"));
        assertTrue(run("set unsafe on\nring create\nmem poke cq.fleg=1\n", ScriptRunner.ERROR)
                .contains("'cq.fleg' is no ring header word; words: sq.head"));
        // the kernel reads the CQ head the application writes: poked past 4 unreaped CQEs, their slots take 8 more
        // without an overflow; without the poke 12 CQEs would not fit the 8 slots
        String out = run("""
                set unsafe on
                ring create entries=4
                repeat 12 i {
                  sqe nop user_data=$i
                }
                submit 4 reap=no
                expect cq tail=4 head=0
                mem poke cq.head=4 cq.flags=EVENTFD_DISABLED
                submit 4 reap=no
                submit reap=no
                expect cq tail=12 head=4 overflow=0 flags=EVENTFD_DISABLED
                expect sq flags=0
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("poked cq.flags=1 into r0"), out);
    }
}
