package dev.ringside.decoders.flags;

/** io_uring/mock_file.h: IORING_MOCK_FEAT_*, the features a mock file may have, numbered (the probe reports up to which). */
public enum MockFeature implements FlagBit {
    CMD_COPY(0),
    RW_ZERO(1),
    RW_NOWAIT(2),
    RW_ASYNC(3),
    POLL(4);

    private final long value;

    MockFeature(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
