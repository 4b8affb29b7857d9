package dev.ringside.decoders.flags;

/** sqe->install_fd_flags of FIXED_FD_INSTALL: IORING_FIXED_FD_*. */
public enum FixedFdFlag implements FlagBit {
    NO_CLOEXEC(1L << 0);

    private final long value;

    FixedFdFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
