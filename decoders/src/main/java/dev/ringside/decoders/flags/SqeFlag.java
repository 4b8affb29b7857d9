package dev.ringside.decoders.flags;

/** io_uring_sqe.flags: IOSQE_*, per-request behaviour common to every opcode. */
public enum SqeFlag implements FlagBit {
    FIXED_FILE(1L << 0),
    IO_DRAIN(1L << 1),
    IO_LINK(1L << 2),
    IO_HARDLINK(1L << 3),
    ASYNC(1L << 4),
    BUFFER_SELECT(1L << 5),
    CQE_SKIP_SUCCESS(1L << 6);

    private final long value;

    SqeFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
