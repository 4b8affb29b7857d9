package dev.ringside.decoders.flags;

/** io_uring_region_desc.flags: IORING_MEM_REGION_TYPE_*, where the region memory comes from. */
public enum MemRegionType implements FlagBit {
    USER(1L << 0);

    private final long value;

    MemRegionType(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
