package dev.ringside.decoders.flags;

/** io_uring_params.flags: IORING_SETUP_*, chosen at io_uring_setup. */
public enum SetupFlag implements FlagBit {
    IOPOLL(1L << 0),
    SQPOLL(1L << 1),
    SQ_AFF(1L << 2),
    CQSIZE(1L << 3),
    CLAMP(1L << 4),
    ATTACH_WQ(1L << 5),
    R_DISABLED(1L << 6),
    SUBMIT_ALL(1L << 7),
    COOP_TASKRUN(1L << 8),
    TASKRUN_FLAG(1L << 9),
    SQE128(1L << 10),
    CQE32(1L << 11),
    SINGLE_ISSUER(1L << 12),
    DEFER_TASKRUN(1L << 13),
    NO_MMAP(1L << 14),
    REGISTERED_FD_ONLY(1L << 15),
    NO_SQARRAY(1L << 16),
    HYBRID_IOPOLL(1L << 17),
    CQE_MIXED(1L << 18),
    SQE_MIXED(1L << 19),
    SQ_REWIND(1L << 20);

    private final long value;

    SetupFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
