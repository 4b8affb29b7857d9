package dev.ringside.decoders.flags;

/** IORING_MOCK_CMD_COPY_REGBUF's direction flag: IORING_MOCK_COPY_*. */
public enum MockCopyFlag implements FlagBit {
    FROM(1L << 0);

    private final long value;

    MockCopyFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
