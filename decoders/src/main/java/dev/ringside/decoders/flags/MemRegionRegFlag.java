package dev.ringside.decoders.flags;

/** io_uring_mem_region_reg.flags of IORING_REGISTER_MEM_REGION: IORING_MEM_REGION_REG_*, what the region is for. */
public enum MemRegionRegFlag implements FlagBit {
    WAIT_ARG(1L << 0);

    private final long value;

    MemRegionRegFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
