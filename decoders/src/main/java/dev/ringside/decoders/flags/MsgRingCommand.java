package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#MSG_RING_COMMAND} that code names; sqe->addr of MSG_RING: IORING_MSG_*, what is sent to the other ring. */
public enum MsgRingCommand implements FlagRef {
    DATA,
    SEND_FD;

    @Override
    public FlagSet set() {
        return FlagSets.MSG_RING_COMMAND;
    }
}
