package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#ZCRX_REG} that code names; io_uring_zcrx_ifq_reg.flags of IORING_REGISTER_ZCRX_IFQ: ZCRX_REG_*. */
public enum ZcrxRegFlag implements FlagRef {
    IMPORT, NODEV;

    @Override
    public FlagSet set() {
        return FlagSets.ZCRX_REG;
    }
}
