package dev.ringside.decoders.flags;

/** The mock manager's uring_cmd commands: IORING_MOCK_MGR_CMD_*. */
public enum MockMgrCmd implements FlagBit {
    PROBE(0),
    CREATE(1);

    private final long value;

    MockMgrCmd(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
