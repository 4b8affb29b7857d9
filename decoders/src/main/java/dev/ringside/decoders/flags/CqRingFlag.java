package dev.ringside.decoders.flags;

/** The CQ ring's flags word, written by the application: IORING_CQ_*. */
public enum CqRingFlag implements FlagBit {
    EVENTFD_DISABLED(1L << 0);

    private final long value;

    CqRingFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
