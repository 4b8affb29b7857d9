package dev.ringside.decoders.flags;

/** io_uring_zcrx_area_reg.flags: IORING_ZCRX_AREA_* (the SHIFT and MASK of the same prefix are in UapiConstants). */
public enum ZcrxAreaFlag implements FlagBit {
    DMABUF(1L << 0);

    private final long value;

    ZcrxAreaFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
