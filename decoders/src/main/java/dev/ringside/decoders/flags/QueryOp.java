package dev.ringside.decoders.flags;

/** io_uring_query_hdr.query_op of IORING_REGISTER_QUERY (6.18): IO_URING_QUERY_*, which answer struct query_data points to. */
public enum QueryOp implements FlagBit {
    OPCODES(0),
    ZCRX(1),
    SCQ(2),
    ZCRX_EVENT(3);

    private final long value;

    QueryOp(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
