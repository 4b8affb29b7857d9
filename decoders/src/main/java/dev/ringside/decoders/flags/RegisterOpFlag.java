package dev.ringside.decoders.flags;

/** Bits OR-ed into the opcode argument of io_uring_register: IORING_REGISTER_USE_REGISTERED_RING. */
public enum RegisterOpFlag implements FlagBit {
    USE_REGISTERED_RING(1L << 31);

    private final long value;

    RegisterOpFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
