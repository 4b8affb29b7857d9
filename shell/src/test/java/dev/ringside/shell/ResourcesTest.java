package dev.ringside.shell;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.tracer.probe.OpcodeProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session buffers and fds in SQE fields, probe, cqes and the live SQE/CQE arrays, on real rings. */
class ResourcesTest {
    @TempDir
    Path dir;

    String run(String script, int expectedExit) throws IOException {
        return Scripts.run(dir, script, expectedExit);
    }

    @Test
    void writeIntoAPipeAndReadItBackIntoAnotherBuffer() throws IOException {
        String out = run("""
                ring create entries=8
                pipe p
                buf alloc b text=hello
                buf alloc b2 16 fill=0x2e
                sqe write user_data=1 fd=$p.w addr=@b len=5
                sqe read user_data=2 fd=$p.r addr=@b2 len=5
                submit wait=2
                expect cqe user_data=1 res=5
                expect cqe user_data=2 res=5
                buf show b2 text
                buf show b2 off=3 len=4
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("  \"hello...........\"\n"), out);
        assertTrue(out.matches("(?s).*  0003  6c 6f 2e 2e +lo\\.\\.\n.*"), out);
    }

    @Test
    void addressesAndLengthsComeFromTheBuffer() throws IOException {
        String out = run("""
                ring create entries=8
                socketpair s
                buf alloc msg text=ping!
                buf alloc got 32
                sqe send user_data=1 fd=$s.0 addr=@msg len=@msg.len
                sqe recv user_data=2 fd=$s.1 addr=@got+8 len=16
                submit wait=2
                expect cqe user_data=1 res=5
                expect cqe user_data=2 res=5
                buf show got text off=8 len=5
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("  \"ping!\"\n"), out);
    }

    @Test
    void freeingABufferARequestInFlightPointsIntoIsRefusedNamingTheSqe() throws IOException {
        String out = run("""
                ring create entries=8
                pipe p
                buf alloc b 64
                sqe read user_data=7 fd=$p.r addr=@b+8 len=16
                submit
                buf free b
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:6:10: error: buffer b is in use by READ user_data=7 on ring r0, not completed yet"), out);
    }

    @Test
    void aBufferCanBeFreedOnceItsRequestCompleted() throws IOException {
        String out = run("""
                ring create entries=8 flags=SINGLE_ISSUER|DEFER_TASKRUN
                pipe p
                buf alloc b 64
                sqe read user_data=1 fd=$p.r addr=@b len=16 flags=IO_LINK
                sqe link_timeout user_data=2 ts=10ms
                submit wait=2
                expect cqe user_data=1 res=-ECANCELED
                expect cqe user_data=2 res=-ETIME
                buf free b
                buf list
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("cqe user_data=1 res=-125 ECANCELED flags=0   <- READ"), out);
        assertTrue(out.contains("freed buffer b\nno buffers"), out);
    }

    @Test
    void anOffsetOutsideTheBufferIsRefused() throws IOException {
        String out = run("ring create\nbuf alloc b 64\nsqe read fd=0 addr=@b+64 len=0\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:3:15: error: addr=@b+64: @b+64 is outside buffer b of 64 bytes (offsets 0..63)"), out);
    }

    @Test
    void aLengthLargerThanWhatIsLeftNamesTheBufferSize() throws IOException {
        String out = run("ring create\nbuf alloc b 64\nsqe read fd=0 addr=@b+16 len=100\n", ScriptRunner.ERROR);
        assertTrue(out.contains("100 bytes from offset 16 do not fit in buffer b of 64 bytes (48 left)"), out);
    }

    @Test
    void aBufferShrunkBeforeSubmitIsCaughtAtSubmit() throws IOException {
        // freeing a buffer a draft points at is refused, naming the draft
        String refused = run("""
                ring create
                buf alloc b 64
                sqe read fd=0 addr=@b len=64
                buf free b
                """, ScriptRunner.ERROR);
        assertTrue(refused.contains("t.iou:4:10: error: buffer b is pointed to by sqe #1 READ (addr=@b), not yet submitted"), refused);
        // so the buffer cannot shrink under the draft: a smaller one of the same name is only possible after a drop
        String out = run("""
                ring create
                buf alloc b 64
                sqe read fd=0 addr=@b len=64
                sqe drop #1
                buf free b
                buf alloc b 8
                sqe read fd=0 addr=@b len=64
                """, ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:7:15: error: addr=@b: 64 bytes from offset 0 do not fit in buffer b of 8 bytes"), out);
    }

    @Test
    void wrongBufferAndFdNamesSuggestTheClosest() throws IOException {
        String buffer = run("ring create\nbuf alloc data 8\nsqe read fd=0 addr=@dta len=4\n", ScriptRunner.ERROR);
        assertTrue(buffer.contains("t.iou:3:15: error: addr=@dta: no buffer 'dta' (did you mean data?); buffers: data"), buffer);
        String fd = run("ring create\npipe p\nsqe read fd=$p.x len=0\n", ScriptRunner.ERROR);
        assertTrue(fd.contains("t.iou:3:10: error: no fd 'p.x' (did you mean p.r or p.w?); fds: p.r, p.w"), fd);
        String show = run("buf alloc data 8\nbuf show daat\n", ScriptRunner.ERROR);
        assertTrue(show.contains("t.iou:2:10: error: no buffer 'daat' (did you mean data?)"), show);
    }

    @Test
    void aBufferReferenceOutsideAnAddressFieldIsRefused() throws IOException {
        String out = run("ring create\nbuf alloc b 8\nsqe read fd=0 len=@b\n", ScriptRunner.ERROR);
        assertTrue(out.contains("len is not an address field"), out);
    }

    @Test
    void rawAddressesWorkOnlyAfterSetUnsafeOn() throws IOException {
        run("ring create\nset unsafe on\nsqe nop user_data=1 addr=0x1000\nsubmit wait=1\nexpect cqe user_data=1 res=0\n",
                ScriptRunner.PASSED);
    }

    /** A closed fd's number may be the JVM's next: outside unsafe mode it is refused, in unsafe mode the kernel says EBADF. */
    @Test
    void aClosedConsoleFdIsRefusedAndInUnsafeModeTheKernelAnswersEBADF() throws IOException {
        String script = """
                ring create
                pipe p
                buf alloc b 8
                sqe read user_data=1 fd=$p.r addr=@b len=8
                close p
                submit wait=1
                expect cqe user_data=1 res=-EBADF
                fds
                """;
        String refused = run(script, ScriptRunner.ERROR);
        assertTrue(refused.contains("closed $p.r"), refused);
        assertTrue(refused.matches("(?s).*t\\.iou:6:1: error: fd=\\$p\\.r \\(\\d+\\) is not an fd of this session: READ takes fd as the file"
                + " it works on.*"), refused);
        String out = run("set unsafe on\n" + script, ScriptRunner.PASSED);
        assertTrue(out.contains("no fds"), out);
    }

    @Test
    void fileOpenReadsAFileIntoABuffer() throws IOException {
        Path data = dir.resolve("data.txt");
        Files.writeString(data, "file contents");
        String out = run("ring create\nfile open f " + data + "\nbuf alloc b 32\n"
                + "sqe read user_data=1 fd=$f.fd addr=@b len=32 off=5\nsubmit wait=1\nexpect cqe user_data=1 res=8\n"
                + "buf show b text len=8\nfile open g " + dir.resolve("missing") + "\n", ScriptRunner.ERROR);
        assertTrue(out.contains("  \"contents\"\n"), out);
        assertTrue(out.contains("-ENOENT"), out);
    }

    @Test
    void cqesPostsDeferredCompletionsWithoutWaiting() throws IOException {
        String out = run("""
                ring create entries=8 flags=SINGLE_ISSUER|DEFER_TASKRUN
                cqes
                pipe p
                buf alloc in text=hello
                buf alloc out 8
                sqe read user_data=2 fd=$p.r addr=@out len=5
                submit
                sqe write user_data=1 fd=$p.w addr=@in len=@in.len
                submit
                buf show in text
                cqes
                expect cqe user_data=2 res=5
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("no CQEs ready on r0"), out);
        // DEFER_TASKRUN: the read's completion waits for us to enter; cqes does that, after the marker
        assertTrue(out.matches("(?s).*\"hello\"\ncqe user_data=2 res=5 flags=0   <- READ\n.*"), out);
    }

    @Test
    void memSqesAndCqesDecodeTheArraysInPlace() throws IOException {
        String out = run("""
                ring create entries=4
                pipe p
                buf alloc b 16
                sqe write user_data=9 fd=$p.w addr=@b len=3
                submit wait=1
                mem sqes
                mem cqes
                mem sqes 0
                """, ScriptRunner.PASSED);
        assertTrue(out.matches("(?s).*  \\[0] consumed  WRITE \\(23\\) fd=\\d+ addr=0x[0-9a-f]+\\(@b\\) len=3 user_data=9\n  \\[1\\.\\.3] empty\n.*"), out);
        assertTrue(out.matches("(?s).*  \\[0] reaped  user_data=9 res=3 flags=0\n  \\[1\\.\\.7] empty\n.*"), out);
        assertTrue(out.contains("sqe[0] of r0 (live, consumed)"), out);
    }

    @Test
    void probeReportsWhatTheKernelAnswers() throws Exception {
        String out = run("probe\n", ScriptRunner.PASSED);
        OpcodeProbe kernel = OpcodeProbe.ofKernel();
        assertTrue(out.contains("    0  NOP "), out);
        for (Opcode op : Catalog.builtin().opcodes()) {
            Matcher line = Pattern.compile("(?m)^ +" + op.number() + "  " + op.name() + " .*$").matcher(out);
            assertTrue(line.find(), op.name() + " missing in\n" + out);
            assertEquals(kernel.supports(op.number()), line.group().endsWith("supported"), line.group());
        }
        String diff = run("probe diff\n", ScriptRunner.PASSED);
        assertFalse(diff.contains(" NOP "), diff);
        long missing = Catalog.builtin().opcodes().stream().filter(op -> !kernel.supports(op.number())).count();
        assertEquals(missing, diff.lines().filter(l -> l.contains("NOT on this kernel")).count(), diff);
    }
}
