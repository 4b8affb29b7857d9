package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#ENTER} that code names; io_uring_enter flags: IORING_ENTER_*. */
public enum EnterFlag implements FlagRef {
    GETEVENTS,
    SQ_WAKEUP,
    EXT_ARG;

    @Override
    public FlagSet set() {
        return FlagSets.ENTER;
    }
}
