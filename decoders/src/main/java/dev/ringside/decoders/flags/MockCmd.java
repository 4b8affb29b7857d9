package dev.ringside.decoders.flags;

/** A mock file's uring_cmd commands: IORING_MOCK_CMD_*. */
public enum MockCmd implements FlagBit {
    COPY_REGBUF(0);

    private final long value;

    MockCmd(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
