package dev.ringside.decoders.flags;

/** io_uring_rsrc_register.flags of IORING_REGISTER_FILES2 and BUFFERS2: IORING_RSRC_REGISTER_*. */
public enum RsrcRegisterFlag implements FlagBit {
    SPARSE(1L << 0);

    private final long value;

    RsrcRegisterFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
