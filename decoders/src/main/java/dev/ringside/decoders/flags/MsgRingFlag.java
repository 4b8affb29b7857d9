package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#MSG_RING} that code names; sqe->msg_ring_flags of MSG_RING: IORING_MSG_RING_*. */
public enum MsgRingFlag implements FlagRef {
    FLAGS_PASS;

    @Override
    public FlagSet set() {
        return FlagSets.MSG_RING;
    }
}
