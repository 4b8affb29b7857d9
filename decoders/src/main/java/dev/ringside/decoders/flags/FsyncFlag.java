package dev.ringside.decoders.flags;

/** sqe->fsync_flags of FSYNC: IORING_FSYNC_*. */
public enum FsyncFlag implements FlagBit {
    DATASYNC(1L << 0);

    private final long value;

    FsyncFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
