package dev.ringside.decoders.flags;

/** io_uring_buf_reg.flags of IORING_REGISTER_PBUF_RING: IOU_PBUF_RING_*. */
public enum PbufRingFlag implements FlagBit {
    MMAP(1L << 0),
    INC(1L << 1);

    private final long value;

    PbufRingFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
