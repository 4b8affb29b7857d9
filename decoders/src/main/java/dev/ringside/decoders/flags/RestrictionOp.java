package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#RESTRICTION_OP} that code names; io_uring_restriction.opcode: IORING_RESTRICTION_*, which member of its union applies. */
public enum RestrictionOp implements FlagRef {
    REGISTER_OP,
    SQE_OP,
    SQE_FLAGS_ALLOWED,
    SQE_FLAGS_REQUIRED;

    @Override
    public FlagSet set() {
        return FlagSets.RESTRICTION_OP;
    }
}
