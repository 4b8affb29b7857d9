package dev.ringside.decoders.flags;

/** io_uring_reg_wait.flags: IORING_REG_WAIT_*. */
public enum RegWaitFlag implements FlagBit {
    TS(1L << 0);

    private final long value;

    RegWaitFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
