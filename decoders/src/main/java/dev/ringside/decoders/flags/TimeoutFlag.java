package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#TIMEOUT} that code names; sqe->timeout_flags of TIMEOUT, TIMEOUT_REMOVE and LINK_TIMEOUT: IORING_TIMEOUT_* (and IORING_LINK_TIMEOUT_UPDATE). */
public enum TimeoutFlag implements FlagRef {
    IMMEDIATE_ARG;

    @Override
    public FlagSet set() {
        return FlagSets.TIMEOUT;
    }
}
