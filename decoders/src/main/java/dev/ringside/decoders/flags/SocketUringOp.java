package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#SOCKET_URING_OP} that code names: the socket commands whose cmd holds pointers. */
public enum SocketUringOp implements FlagRef {
    GETSOCKOPT, SETSOCKOPT, GETSOCKNAME;

    @Override
    public FlagSet set() {
        return FlagSets.SOCKET_URING_OP;
    }
}
