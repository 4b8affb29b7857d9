package dev.ringside.decoders.flags;

/** io_uring_cqe.flags: IORING_CQE_F_*; with BUFFER set, the upper 16 bits hold the buffer id. */
public enum CqeFlag implements FlagBit {
    BUFFER(1L << 0),
    MORE(1L << 1),
    SOCK_NONEMPTY(1L << 2),
    NOTIF(1L << 3),
    BUF_MORE(1L << 4),
    SKIP(1L << 5),
    F_32(1L << 15),
    TSTAMP_HW(1L << 16);

    private final long value;

    CqeFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }

    @Override
    public String cName(String prefix) {
        // IORING_CQE_F_32: a Java name cannot start with a digit
        return this == F_32 ? prefix + "32" : prefix + name();
    }
}
