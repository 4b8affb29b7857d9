package dev.ringside.tracer.caps;

/**
 * What a trial established: present, absent or unknown (the trial could not decide), how it asked
 * ("trial io_uring_setup(SQ_REWIND|NO_SQARRAY)") and what the kernel said ("-EINVAL").
 */
public record Answer(Presence present, String how, String detail) {
    public enum Presence {
        PRESENT, ABSENT, UNKNOWN
    }

    public static Answer present(String how, String detail) {
        return new Answer(Presence.PRESENT, how, detail);
    }

    public static Answer absent(String how, String detail) {
        return new Answer(Presence.ABSENT, how, detail);
    }

    public static Answer unknown(String how, String detail) {
        return new Answer(Presence.UNKNOWN, how, detail);
    }

    public static Answer of(boolean present, String how, String detail) {
        return present ? present(how, detail) : absent(how, detail);
    }
}
