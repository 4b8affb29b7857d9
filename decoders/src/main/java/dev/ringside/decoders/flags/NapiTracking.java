package dev.ringside.decoders.flags;

/** io_uring_napi.op_param with IO_URING_NAPI_REGISTER_OP: IO_URING_NAPI_TRACKING_*, how NAPI ids are tracked. */
public enum NapiTracking implements FlagBit {
    DYNAMIC(0),
    STATIC(1),
    INACTIVE(255);

    private final long value;

    NapiTracking(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
