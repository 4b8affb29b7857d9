package dev.ringside.shell.export;

import dev.ringside.shell.Main;
import dev.ringside.shell.Scripts;
import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With IORING_CQE_F_BUFFER the upper 16 bits of a CQE's flags are the buffer id: expect matches and
 * prints them as a bid, as does record, and the exported C program agrees. Real provided-buffer rings.
 */
class BufferIdFlagsTest {
    @TempDir
    Path dir;

    /** Four RECVs, one after the other, from a ring of 4 buffers: the kernel hands out bids 0, 1, 2, 3. */
    private static final String RECEIVES = """
            require kernel>=6.8
            ring create entries=16
            socketpair s
            buf alloc msg text=hello
            register pbuf_ring group=7 entries=4 size=32
            """ + receive(1) + receive(2) + receive(3) + receive(4);

    // written out, not a repeat block: record writes a repeat body's lines as typed, with their ${i}
    private static String receive(int i) {
        return "sqe send user_data=1" + i + " fd=$s.0 addr=@msg len=5\nsubmit wait=1\n"
                + "sqe recv user_data=2" + i + " fd=$s.1 flags=BUFFER_SELECT buf_group=7 len=0\nsubmit wait=1\n";
    }

    @Test
    void flagsBufferMatchesAnyBidAndTheUpperBitsAreTheBid() throws IOException {
        String out = Scripts.run(dir, RECEIVES + """
                expect cqe user_data=11 res=5
                expect cqe user_data=21 res=5 flags=BUFFER
                expect cqe user_data=12 res=5
                expect cqe user_data=22 res=5 flags=BUFFER
                expect cqe user_data=13 res=5
                expect cqe user_data=23 res=5 flags=BUFFER bid=2
                expect cqe user_data=14 res=5
                expect cqe user_data=24 res=5 flags=0x30001
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("cqe user_data=24 res=5 flags=BUFFER bid=3"), out);
        assertTrue(out.contains("ok cqe user_data=22 res=5 flags=BUFFER\n"), out);
        assertTrue(out.contains("ok cqe user_data=24 res=5 flags=BUFFER bid=3"), out);
        assertFalse(out.contains("TSTAMP_HW"), out);
    }

    @Test
    void aWrongBidInTheFlagsFailsNamingBothBids() throws IOException {
        String out = Scripts.run(dir, RECEIVES + """
                expect cqe user_data=23 flags=0x30001
                expect cqe user_data=24 flags=MORE
                """, ScriptRunner.FAILED);
        assertTrue(out.contains("expected cqe user_data=23 flags=BUFFER bid=3, got cqe user_data=23 res=5 flags=BUFFER bid=2"), out);
        assertTrue(out.contains("expected cqe user_data=24 flags=MORE, got cqe user_data=24 res=5 flags=BUFFER bid=3"), out);
    }

    @Test
    void twoBidsOrABidWithoutBufferAreRefused() throws IOException {
        String out = Scripts.run(dir, "expect cqe flags=0x30001 bid=2\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: flags=BUFFER bid=3 and bid=2 name two buffer ids"), out);
        out = Scripts.run(dir, "expect cqe flags=MORE bid=2\n", ScriptRunner.ERROR);
        assertTrue(out.contains("error: bid=2 needs flags with BUFFER"), out);
    }

    @Test
    void recordWritesTheBidAndTheRecordingReplays() throws IOException {
        Path recorded = dir.resolve("recorded.iou");
        Scripts.run(dir, RECEIVES + "record " + recorded + "\n", ScriptRunner.PASSED);
        String text = Files.readString(recorded);
        assertTrue(text.contains("expect cqe user_data=24 res=5 flags=BUFFER bid=3"), text);
        assertFalse(text.contains("TSTAMP_HW"), text);
        StringWriter replay = new StringWriter();
        assertEquals(ScriptRunner.PASSED, Main.runScript(recorded, new PrintWriter(replay, true)), replay + "\n" + text);
    }

    @Test
    void theExportedProgramMatchesFlagsBufferOfAnyBidToo() throws Exception {
        assumeTrue(CExportVerdictTest.exec(List.of("sh", "-c", "command -v gcc")).exitCode() == 0, "gcc is not installed");
        Path script = dir.resolve("bids.iou");
        Files.writeString(script, RECEIVES + """
                expect cqe user_data=22 res=5 flags=BUFFER
                expect cqe user_data=24 res=5 flags=0x30001
                expect cqe user_data=23 res=5 flags=0x30001
                """);
        Path c = dir.resolve("bids.c");
        Files.writeString(c, CExporter.fromScript(script));
        Path binary = dir.resolve("bids");
        CExportVerdictTest.Result gcc = CExportVerdictTest.exec(List.of("gcc", "-Wall", "-Werror", "-o", binary.toString(), c.toString()));
        assertEquals(0, gcc.exitCode(), gcc.output());
        CExportVerdictTest.Result run = CExportVerdictTest.exec(List.of(binary.toString()));
        assertTrue(run.output().contains("ok expect cqe user_data=22 res=5 flags=BUFFER"), run.output());
        assertTrue(run.output().contains("ok expect cqe user_data=24 res=5 flags=0x30001"), run.output());
        assertTrue(run.output().contains("FAILED expect cqe user_data=23 res=5 flags=0x30001"), run.output());
    }
}
