package dev.ringside.decoders.flags;

/** sqe->uring_cmd_flags of URING_CMD: IORING_URING_CMD_*. */
public enum UringCmdFlag implements FlagBit {
    FIXED(1L << 0),
    MULTISHOT(1L << 1);

    private final long value;

    UringCmdFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
