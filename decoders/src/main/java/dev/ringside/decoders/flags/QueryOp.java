package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#QUERY_OP} that code names; io_uring_query_hdr.query_op of IORING_REGISTER_QUERY (6.18): IO_URING_QUERY_*, which answer struct query_data points to. */
public enum QueryOp implements FlagRef {
    OPCODES,
    ZCRX;

    @Override
    public FlagSet set() {
        return FlagSets.QUERY_OP;
    }
}
