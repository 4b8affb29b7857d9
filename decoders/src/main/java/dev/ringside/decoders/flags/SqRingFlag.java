package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#SQ_RING} that code names; The SQ ring's flags word, written by the kernel: IORING_SQ_*. */
public enum SqRingFlag implements FlagRef {
    NEED_WAKEUP;

    @Override
    public FlagSet set() {
        return FlagSets.SQ_RING;
    }
}
