package dev.ringside.decoders.flags;

/** io_uring_clone_buffers.flags of IORING_REGISTER_CLONE_BUFFERS: IORING_REGISTER_SRC_REGISTERED, IORING_REGISTER_DST_REPLACE. */
public enum CloneBuffersFlag implements FlagBit {
    SRC_REGISTERED(1L << 0),
    DST_REPLACE(1L << 1);

    private final long value;

    CloneBuffersFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
