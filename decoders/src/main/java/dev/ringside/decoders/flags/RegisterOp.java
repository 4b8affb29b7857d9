package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#REGISTER_OP} that code names; The opcode argument of io_uring_register(2): IORING_REGISTER_* and IORING_UNREGISTER_*, in number order. */
public enum RegisterOp implements FlagRef {
    BUFFERS,
    UNREGISTER_BUFFERS,
    FILES,
    UNREGISTER_FILES,
    EVENTFD,
    UNREGISTER_EVENTFD,
    EVENTFD_ASYNC,
    PROBE,
    PERSONALITY,
    UNREGISTER_PERSONALITY,
    RESTRICTIONS,
    ENABLE_RINGS,
    FILES2,
    FILES_UPDATE2,
    BUFFERS2,
    BUFFERS_UPDATE,
    IOWQ_AFF,
    UNREGISTER_IOWQ_AFF,
    IOWQ_MAX_WORKERS,
    RING_FDS,
    UNREGISTER_RING_FDS,
    PBUF_RING,
    UNREGISTER_PBUF_RING,
    SYNC_CANCEL,
    FILE_ALLOC_RANGE,
    PBUF_STATUS,
    NAPI,
    UNREGISTER_NAPI,
    CLOCK,
    CLONE_BUFFERS,
    SEND_MSG_RING,
    ZCRX_IFQ,
    RESIZE_RINGS,
    MEM_REGION,
    QUERY,
    ZCRX_CTRL,
    BPF_FILTER;

    @Override
    public FlagSet set() {
        return FlagSets.REGISTER_OP;
    }
}
