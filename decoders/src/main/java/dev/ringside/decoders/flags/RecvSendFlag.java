package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#RECVSEND} that code names; sqe->ioprio of SEND, RECV, SENDMSG, RECVMSG, SEND_ZC and SENDMSG_ZC: IORING_RECVSEND_* and the per-direction bits beside them. */
public enum RecvSendFlag implements FlagRef {
    FIXED_BUF, SEND_VECTORIZED;

    @Override
    public FlagSet set() {
        return FlagSets.RECVSEND;
    }
}
