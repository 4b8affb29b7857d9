package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#SETUP} that code names; io_uring_params.flags: IORING_SETUP_*, chosen at io_uring_setup. */
public enum SetupFlag implements FlagRef {
    SQPOLL,
    CQSIZE,
    ATTACH_WQ,
    COOP_TASKRUN,
    SQE128,
    CQE32,
    SINGLE_ISSUER,
    DEFER_TASKRUN,
    NO_MMAP,
    NO_SQARRAY,
    CQE_MIXED,
    // the capability trials and setup diagnosis name these
    IOPOLL,
    SQ_AFF,
    CLAMP,
    TASKRUN_FLAG,
    REGISTERED_FD_ONLY,
    HYBRID_IOPOLL,
    SQE_MIXED,
    SQ_REWIND;

    @Override
    public FlagSet set() {
        return FlagSets.SETUP;
    }
}
