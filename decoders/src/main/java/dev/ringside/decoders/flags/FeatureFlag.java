package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#FEATURES} that code names; io_uring_params.features: IORING_FEAT_*, what the kernel reports it supports. */
public enum FeatureFlag implements FlagRef {
    SINGLE_MMAP,
    NODROP;

    @Override
    public FlagSet set() {
        return FlagSets.FEATURES;
    }
}
