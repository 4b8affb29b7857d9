package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#SQE} that code names; io_uring_sqe.flags: IOSQE_*, per-request behaviour common to every opcode. */
public enum SqeFlag implements FlagRef {
    FIXED_FILE,
    IO_DRAIN,
    IO_LINK,
    IO_HARDLINK,
    ASYNC,
    BUFFER_SELECT,
    CQE_SKIP_SUCCESS;

    @Override
    public FlagSet set() {
        return FlagSets.SQE;
    }
}
