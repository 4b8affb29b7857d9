package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#MEM_REGION_TYPE} that code names; io_uring_region_desc.flags: IORING_MEM_REGION_TYPE_*, where the region memory comes from. */
public enum MemRegionType implements FlagRef {
    USER;

    @Override
    public FlagSet set() {
        return FlagSets.MEM_REGION_TYPE;
    }
}
