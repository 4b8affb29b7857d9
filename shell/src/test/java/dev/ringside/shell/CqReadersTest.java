package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * watch, mem cqes and the reap read the CQ ring through one CompletionQueue: on a CQE_MIXED ring a
 * 32-byte CQE (F_32) is one completion over two slots, with its extra bytes, wherever it is read.
 */
class CqReadersTest {
    @TempDir
    Path dir;

    /** A 16-byte CQE after 100 ms (the timeout, a success for its link), then the linked NOP's 32-byte one: after submit reaped. */
    static final String MIXED = """
            ring create entries=4 flags=CQE_MIXED
            sqe timeout user_data=1 ts=100ms timeout_flags=ETIME_SUCCESS flags=IO_LINK
            sqe nop user_data=2 nop_flags=CQE32 off=0x1122334455667788
            submit
            """;

    @BeforeEach
    void needsCqeMixed() throws IOException {
        Path probe = dir.resolve("probe.iou");
        Files.writeString(probe, "require setup=CQE_MIXED\n");
        Assumptions.assumeTrue(Main.runScript(probe, new PrintWriter(new StringWriter(), true)) == ScriptRunner.PASSED,
                "this kernel has no IORING_SETUP_CQE_MIXED");
    }

    @Test
    void watchShowsABigMixedCqeOnceWithItsExtraBytes() throws IOException {
        String out = Scripts.run(dir, MIXED + "watch cq for=300ms interval=5ms\n", ScriptRunner.PASSED);
        assertTrue(out.contains("cqe user_data=2 res=0 flags=F_32 big=8877665544332211"), out);
        // before, the second slot was shown as a CQE of its own, user_data = the big bytes
        assertFalse(out.contains("cqe user_data=1234605616436508552"), out);
        assertTrue(out.matches("(?s).*watched r0 for \\d+ms: \\d+ header changes, 2 new CQEs; stopped by time.*"), out);
    }

    @Test
    void memCqesAndTheReapAgreeWithWatch() throws IOException {
        String out = Scripts.run(dir, MIXED + "sleep 150ms\nmem cqes\ncqes\n", ScriptRunner.PASSED);
        assertTrue(out.contains("(second half of the 32-byte CQE in slot 1)"), out);
        assertTrue(out.matches("(?s).*\\[1] ready +[^\n]*big=8877665544332211.*"), out);
        long reaped = out.lines().filter(l -> l.startsWith("cqe user_data=2 res=0 flags=F_32 big=8877665544332211")).count();
        assertEquals(1, reaped, out);
    }
}
