package dev.ringside.tracer.probe;

import dev.ringside.decoders.flags.FeatureFlag;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.tracer.sys.SyscallException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe and the trial setup ask the running kernel; these hold on every kernel ringside supports (6.1+). */
class ProbeAndTrialSetupTest {
    @Test
    void probeReportsNopAndTimeoutSupportedAndNothingPastLastOp() throws SyscallException {
        OpcodeProbe probe = OpcodeProbe.ofKernel();
        assertTrue(probe.supports(0), "NOP");
        assertTrue(probe.supports(11), "TIMEOUT");
        assertTrue(probe.lastOp() >= 40, "MSG_RING (40) is older than 6.1");
        assertFalse(probe.supports(probe.lastOp() + 1));
    }

    @Test
    void trialSetupReturnsFeaturesAndRefusesBadCombinations() throws SyscallException {
        long features = TrialSetup.features(0);
        assertTrue((features & FeatureFlag.NODROP.value()) != 0, "NODROP is 5.5");
        // DEFER_TASKRUN without SINGLE_ISSUER is refused by every kernel that knows it
        SyscallException e = assertThrows(SyscallException.class, () -> TrialSetup.features(SetupFlag.DEFER_TASKRUN.value()));
        assertEquals(22, e.errno());
        TrialSetup.features(SetupFlag.SINGLE_ISSUER.value() | SetupFlag.DEFER_TASKRUN.value());
    }
}
