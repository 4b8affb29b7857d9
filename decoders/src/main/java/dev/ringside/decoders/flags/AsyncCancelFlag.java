package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#ASYNC_CANCEL} that code names; sqe->cancel_flags of ASYNC_CANCEL and io_uring_sync_cancel_reg.flags: IORING_ASYNC_CANCEL_*, what a cancel matches on. */
public enum AsyncCancelFlag implements FlagRef {
    OP;

    @Override
    public FlagSet set() {
        return FlagSets.ASYNC_CANCEL;
    }
}
