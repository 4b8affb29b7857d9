package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#PROBE_OP} that code names; io_uring_probe_op.flags of IORING_REGISTER_PROBE: IO_URING_OP_*. */
public enum ProbeOpFlag implements FlagRef {
    SUPPORTED;

    @Override
    public FlagSet set() {
        return FlagSets.PROBE_OP;
    }
}
