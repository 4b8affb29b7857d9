package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#SPLICE} that code names: FD_IN_FIXED makes splice_fd_in a registered index. */
public enum SpliceFlag implements FlagRef {
    FD_IN_FIXED;

    @Override
    public FlagSet set() {
        return FlagSets.SPLICE;
    }
}
