package dev.ringside.shell;

import dev.ringside.shell.script.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a rejected registration's hint says the kernel lacks is established by a trial IORING_REGISTER_QUERY,
 * never guessed from -EINVAL: this 6.18 kernel knows QUERY, FILE_ALLOC_RANGE and RESIZE_RINGS, and not 36 or 37.
 */
class RegisterHintsTest {
    @TempDir
    Path dir;

    @Test
    void queryWithNrArgsSaysTheKernelKnowsItAndWantsNrArgsZero() throws IOException {
        String out = Scripts.run(dir, """
                set unsafe on
                ring create
                buf alloc q 64
                register query arg=@q nr=1 expect=-EINVAL
                """, ScriptRunner.PASSED);
        assertFalse(out.contains("predate"), out);
        assertFalse(out.contains("does not know"), out);
        assertTrue(out.contains("knows IORING_REGISTER_QUERY (a trial IORING_REGISTER_QUERY says 0.."), out);
        assertTrue(out.contains("IORING_REGISTER_QUERY takes nr_args 0"), out);
    }

    @Test
    void fileAllocRangeAndResizeRingsAreKnownOpcodesWithBadArguments() throws IOException {
        String out = Scripts.run(dir, """
                ring create plain entries=8
                register file_alloc_range off=0 len=4 expect=-EINVAL
                register resize_rings sq_entries=16 expect=-EINVAL
                """, ScriptRunner.PASSED);
        assertFalse(out.contains("does not know"), out);
        assertFalse(out.contains("predate"), out);
        assertTrue(out.contains("knows IORING_REGISTER_FILE_ALLOC_RANGE"), out);
        assertTrue(out.contains("IORING_REGISTER_RESIZE_RINGS needs a ring set up with DEFER_TASKRUN, and plain was not"), out);
    }

    @Test
    void anOpcodeBeyondTheKernelsIsNamedAsUnknownByTheTrial() throws IOException {
        String out = Scripts.run(dir, """
                ring create entries=8 flags=SINGLE_ISSUER|DEFER_TASKRUN|CQE32
                register bpf_filter expect=-EINVAL
                """, ScriptRunner.PASSED);
        // 6.18 answers 36 register opcodes (0..35) to IO_URING_QUERY_OPCODES: 37 is past them
        assertTrue(out.matches("(?s).*does not know IORING_REGISTER_BPF_FILTER \\(37\\): a trial IORING_REGISTER_QUERY"
                + " says it knows register opcodes 0\\.\\.\\d+.*"), out);
    }

    @Test
    void aRefusedSetupNamesAnUnknownFlagOnlyWhenTheTrialSaysSo() throws IOException {
        // SQE_MIXED (bit 19) is newer than this 6.18 kernel, which lists setup flags 0x7ffff to IO_URING_QUERY_OPCODES
        String out = Scripts.run(dir, "ring create flags=SQE_MIXED\n", ScriptRunner.ERROR);
        assertTrue(out.contains("IORING_SETUP_SQE_MIXED: this kernel does not know the flag (a trial IORING_REGISTER_QUERY lists"), out);
        out = Scripts.run(dir, "ring create flags=DEFER_TASKRUN\n", ScriptRunner.ERROR);
        assertTrue(out.contains("DEFER_TASKRUN requires SINGLE_ISSUER (a trial ring with both is accepted)"), out);
        assertFalse(out.contains("does not know"), out);
    }
}
