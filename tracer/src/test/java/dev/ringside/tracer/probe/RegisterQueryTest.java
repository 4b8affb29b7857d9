package dev.ringside.tracer.probe;

import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.flags.SetupFlag;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trial IORING_REGISTER_QUERY on the real kernel: what it says it knows. */
class RegisterQueryTest {
    @Test
    void thisKernelAnswersWithItsRegisterOpcodesAndSetupFlags() {
        RegisterQuery q = RegisterQuery.ofKernel();
        Assumptions.assumeTrue(q.queryErrno() != RegisterQuery.NO_TRIAL, "io_uring_setup refused the trial ring");
        Assumptions.assumeFalse(q.lacksQuery(), "this kernel predates IORING_REGISTER_QUERY (6.18)");
        assertTrue(q.queryKnown());
        int known = q.registerOpcodes().orElseThrow();
        // it answered the query, so it knows QUERY (35) itself, and PROBE of course
        assertEquals(1, q.knows((int) RegisterOp.QUERY.value()).orElseThrow());
        assertEquals(1, q.knows((int) RegisterOp.PROBE.value()).orElseThrow());
        assertEquals(0, q.knows(known).orElseThrow());
        long setup = q.setupFlags().orElseThrow();
        assertTrue((setup & SetupFlag.SINGLE_ISSUER.value()) != 0 && (setup & SetupFlag.DEFER_TASKRUN.value()) != 0);
        if (KernelRelease.running().major() == 6 && KernelRelease.running().minor() == 18) {
            // 6.18 ends at IORING_REGISTER_QUERY: ZCRX_CTRL (36) came later; its setup flags end at CQE_MIXED (bit 18)
            assertEquals(36, known);
            assertEquals(0x7ffffL, setup);
            assertFalse(q.zcrxRegisterFlags().isPresent());
        }
    }
}
