package dev.ringside.decoders.flags;

/** io_uring_enter flags: IORING_ENTER_*. */
public enum EnterFlag implements FlagBit {
    GETEVENTS(1L << 0),
    SQ_WAKEUP(1L << 1),
    SQ_WAIT(1L << 2),
    EXT_ARG(1L << 3),
    REGISTERED_RING(1L << 4),
    ABS_TIMER(1L << 5),
    EXT_ARG_REG(1L << 6),
    NO_IOWAIT(1L << 7);

    private final long value;

    EnterFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
