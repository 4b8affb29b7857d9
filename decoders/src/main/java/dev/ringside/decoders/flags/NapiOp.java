package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#NAPI_OP} that code names; io_uring_napi.opcode of IORING_REGISTER_NAPI (6.15): IO_URING_NAPI_*_OP and *_ID, what op_param means. */
public enum NapiOp implements FlagRef {
    REGISTER_OP;

    @Override
    public FlagSet set() {
        return FlagSets.NAPI_OP;
    }
}
