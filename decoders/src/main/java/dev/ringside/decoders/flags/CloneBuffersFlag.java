package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#CLONE_BUFFERS} that code names; io_uring_clone_buffers.flags of IORING_REGISTER_CLONE_BUFFERS: IORING_REGISTER_SRC_REGISTERED, IORING_REGISTER_DST_REPLACE. */
public enum CloneBuffersFlag implements FlagRef {
    SRC_REGISTERED;

    @Override
    public FlagSet set() {
        return FlagSets.CLONE_BUFFERS;
    }
}
