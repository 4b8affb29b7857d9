package dev.ringside.decoders.flags;

/** io_uring_probe_op.flags of IORING_REGISTER_PROBE: IO_URING_OP_*. */
public enum ProbeOpFlag implements FlagBit {
    SUPPORTED(1L << 0);

    private final long value;

    ProbeOpFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
