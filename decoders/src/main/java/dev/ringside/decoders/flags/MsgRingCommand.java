package dev.ringside.decoders.flags;

/** sqe->addr of MSG_RING: IORING_MSG_*, what is sent to the other ring. */
public enum MsgRingCommand implements FlagBit {
    DATA(0),
    SEND_FD(1);

    private final long value;

    MsgRingCommand(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
