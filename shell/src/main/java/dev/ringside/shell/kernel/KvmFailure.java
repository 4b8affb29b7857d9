package dev.ringside.shell.kernel;

/** Recognises qemu's words for "KVM cannot run this guest", after which TCG is tried. */
final class KvmFailure {
    private KvmFailure() {
    }

    /** A short reason when {@code qemuStderr} says KVM failed, else null. */
    static String detect(String qemuStderr) {
        if (qemuStderr == null) {
            return null;
        }
        if (qemuStderr.contains("KVM internal error")) {
            return "KVM internal error";
        }
        if (qemuStderr.contains("failed to initialize kvm") || qemuStderr.contains("failed to initialize KVM")) {
            return "KVM failed to initialize";
        }
        if (qemuStderr.contains("Could not access KVM kernel module")) {
            return "no access to the KVM module";
        }
        if (qemuStderr.contains("failed to set MSR") || qemuStderr.contains("kvm_buf_set_msrs")) {
            return "KVM could not set the guest's MSRs";
        }
        if (qemuStderr.contains("KVM_CREATE_VM")) {
            return "KVM_CREATE_VM failed";
        }
        return null;
    }
}
