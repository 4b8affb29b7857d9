package dev.ringside.decoders.flags;

/** The SQ ring's flags word, written by the kernel: IORING_SQ_*. */
public enum SqRingFlag implements FlagBit {
    NEED_WAKEUP(1L << 0),
    CQ_OVERFLOW(1L << 1),
    TASKRUN(1L << 2);

    private final long value;

    SqRingFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
