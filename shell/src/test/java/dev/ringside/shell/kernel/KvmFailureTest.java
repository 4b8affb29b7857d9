package dev.ringside.shell.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KvmFailureTest {
    @Test
    void recognisesQemuKvmFailures() {
        // the words qemu printed on this machine's /dev/kvm
        assertEquals("KVM internal error", KvmFailure.detect("KVM internal error. Suberror: 1"));
        assertEquals("KVM could not set the guest's MSRs", KvmFailure.detect("qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69"));
        assertEquals("KVM failed to initialize", KvmFailure.detect("qemu-system-x86_64: failed to initialize kvm: Permission denied"));
        assertEquals("no access to the KVM module", KvmFailure.detect("Could not access KVM kernel module: No such file or directory"));
    }

    @Test
    void otherQemuMessagesAreNoKvmFailure() {
        assertNull(KvmFailure.detect("qemu-system-x86_64: -kernel /x: could not load kernel"));
        assertNull(KvmFailure.detect("emulation failure"));
        assertNull(KvmFailure.detect(null));
    }
}
