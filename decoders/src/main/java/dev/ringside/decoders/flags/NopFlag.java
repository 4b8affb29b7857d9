package dev.ringside.decoders.flags;

/** sqe->nop_flags of NOP: IORING_NOP_*. */
public enum NopFlag implements FlagBit {
    INJECT_RESULT(1L << 0),
    FILE(1L << 1),
    FIXED_FILE(1L << 2),
    FIXED_BUFFER(1L << 3),
    TW(1L << 4),
    CQE32(1L << 5);

    private final long value;

    NopFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
