package dev.ringside.decoders.flags;

/** sqe->nop_flags of NOP: IORING_NOP_*. */
public enum NopFlag implements FlagBit {
    INJECT_RESULT(1L << 0),
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
