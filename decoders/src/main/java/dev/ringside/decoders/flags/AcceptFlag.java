package dev.ringside.decoders.flags;

/** sqe->ioprio of ACCEPT: IORING_ACCEPT_*. */
public enum AcceptFlag implements FlagBit {
    MULTISHOT(1L << 0),
    DONTWAIT(1L << 1),
    POLL_FIRST(1L << 2);

    private final long value;

    AcceptFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
