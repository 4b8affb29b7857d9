package dev.ringside.decoders.flags;

/** sqe->splice_flags of SPLICE and TEE: the io_uring bit among the splice(2) SPLICE_F_* flags. */
public enum SpliceFlag implements FlagBit {
    FD_IN_FIXED(1L << 31);

    private final long value;

    SpliceFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
