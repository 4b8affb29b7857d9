package dev.ringside.decoders.flags;

/** io_uring_mock_create.flags: IORING_MOCK_CREATE_F_*. */
public enum MockCreateFlag implements FlagBit {
    SUPPORT_NOWAIT(1L << 0),
    POLL(1L << 1);

    private final long value;

    MockCreateFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
