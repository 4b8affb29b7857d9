package dev.ringside.decoders.flags;

/** sqe->cancel_flags of ASYNC_CANCEL and io_uring_sync_cancel_reg.flags: IORING_ASYNC_CANCEL_*, what a cancel matches on. */
public enum AsyncCancelFlag implements FlagBit {
    ALL(1L << 0),
    FD(1L << 1),
    ANY(1L << 2),
    FD_FIXED(1L << 3),
    USERDATA(1L << 4),
    OP(1L << 5);

    private final long value;

    AsyncCancelFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
