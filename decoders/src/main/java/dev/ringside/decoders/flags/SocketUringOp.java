package dev.ringside.decoders.flags;

/** sqe->cmd_op of URING_CMD on a socket: SOCKET_URING_OP_*. */
public enum SocketUringOp implements FlagBit {
    SIOCINQ(0),
    SIOCOUTQ(1),
    GETSOCKOPT(2),
    SETSOCKOPT(3),
    TX_TIMESTAMP(4),
    GETSOCKNAME(5);

    private final long value;

    SocketUringOp(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
