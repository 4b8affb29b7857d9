package dev.ringside.decoders.flags;

/** sqe->msg_ring_flags of MSG_RING: IORING_MSG_RING_*. */
public enum MsgRingFlag implements FlagBit {
    CQE_SKIP(1L << 0),
    FLAGS_PASS(1L << 1);

    private final long value;

    MsgRingFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
