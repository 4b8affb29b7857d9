package dev.ringside.decoders.flags;

/** sqe->ioprio of SEND, RECV, SENDMSG, RECVMSG, SEND_ZC and SENDMSG_ZC: IORING_RECVSEND_* and the per-direction bits beside them. */
public enum RecvSendFlag implements FlagBit {
    POLL_FIRST(1L << 0),
    RECV_MULTISHOT(1L << 1),
    FIXED_BUF(1L << 2),
    SEND_ZC_REPORT_USAGE(1L << 3),
    BUNDLE(1L << 4),
    SEND_VECTORIZED(1L << 5);

    private final long value;

    RecvSendFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }

    @Override
    public String cName(String prefix) {
        // members outside the IORING_RECVSEND_ prefix
        return switch (this) {
            case RECV_MULTISHOT -> "IORING_RECV_MULTISHOT";
            case SEND_ZC_REPORT_USAGE -> "IORING_SEND_ZC_REPORT_USAGE";
            case SEND_VECTORIZED -> "IORING_SEND_VECTORIZED";
            default -> prefix + name();
        };
    }
}
