package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#RSRC_REGISTER} that code names; io_uring_rsrc_register.flags of IORING_REGISTER_FILES2 and BUFFERS2: IORING_RSRC_REGISTER_*. */
public enum RsrcRegisterFlag implements FlagRef {
    SPARSE;

    @Override
    public FlagSet set() {
        return FlagSets.RSRC_REGISTER;
    }
}
