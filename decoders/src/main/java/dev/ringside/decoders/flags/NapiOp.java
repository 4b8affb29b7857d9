package dev.ringside.decoders.flags;

/** io_uring_napi.opcode of IORING_REGISTER_NAPI (6.15): IO_URING_NAPI_*_OP and *_ID, what op_param means. */
public enum NapiOp implements FlagBit {
    REGISTER_OP(0),
    STATIC_ADD_ID(1),
    STATIC_DEL_ID(2);

    private final long value;

    NapiOp(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
