package dev.ringside.decoders.flags;

/** sqe->timeout_flags of TIMEOUT, TIMEOUT_REMOVE and LINK_TIMEOUT: IORING_TIMEOUT_* (and IORING_LINK_TIMEOUT_UPDATE). */
public enum TimeoutFlag implements FlagBit {
    ABS(1L << 0),
    UPDATE(1L << 1),
    BOOTTIME(1L << 2),
    REALTIME(1L << 3),
    LINK_TIMEOUT_UPDATE(1L << 4),
    ETIME_SUCCESS(1L << 5),
    MULTISHOT(1L << 6),
    IMMEDIATE_ARG(1L << 7);

    private final long value;

    TimeoutFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }

    @Override
    public String cName(String prefix) {
        // the one member outside the IORING_TIMEOUT_ prefix
        return this == LINK_TIMEOUT_UPDATE ? "IORING_LINK_TIMEOUT_UPDATE" : prefix + name();
    }
}
