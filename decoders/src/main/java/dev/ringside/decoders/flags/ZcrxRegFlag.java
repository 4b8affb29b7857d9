package dev.ringside.decoders.flags;

/** io_uring_zcrx_ifq_reg.flags of IORING_REGISTER_ZCRX_IFQ: ZCRX_REG_*. */
public enum ZcrxRegFlag implements FlagBit {
    IMPORT(1L << 0),
    NODEV(1L << 1);

    private final long value;

    ZcrxRegFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
