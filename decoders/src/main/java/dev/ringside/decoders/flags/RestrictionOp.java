package dev.ringside.decoders.flags;

/** io_uring_restriction.opcode: IORING_RESTRICTION_*, which member of its union applies. */
public enum RestrictionOp implements FlagBit {
    REGISTER_OP(0),
    SQE_OP(1),
    SQE_FLAGS_ALLOWED(2),
    SQE_FLAGS_REQUIRED(3);

    private final long value;

    RestrictionOp(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
