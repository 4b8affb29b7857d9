package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#CQE} that code names; io_uring_cqe.flags: IORING_CQE_F_*; with BUFFER set, the upper 16 bits hold the buffer id. */
public enum CqeFlag implements FlagRef {
    BUFFER,
    MORE,
    SKIP,
    F_32;

    @Override
    public FlagSet set() {
        return FlagSets.CQE;
    }
}
