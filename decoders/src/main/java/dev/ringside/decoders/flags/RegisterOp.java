package dev.ringside.decoders.flags;

/** The opcode argument of io_uring_register(2): IORING_REGISTER_* and IORING_UNREGISTER_*, in number order. */
public enum RegisterOp implements FlagBit {
    BUFFERS(0),
    UNREGISTER_BUFFERS(1),
    FILES(2),
    UNREGISTER_FILES(3),
    EVENTFD(4),
    UNREGISTER_EVENTFD(5),
    FILES_UPDATE(6),
    EVENTFD_ASYNC(7),
    PROBE(8),
    PERSONALITY(9),
    UNREGISTER_PERSONALITY(10),
    RESTRICTIONS(11),
    ENABLE_RINGS(12),
    FILES2(13),
    FILES_UPDATE2(14),
    BUFFERS2(15),
    BUFFERS_UPDATE(16),
    IOWQ_AFF(17),
    UNREGISTER_IOWQ_AFF(18),
    IOWQ_MAX_WORKERS(19),
    RING_FDS(20),
    UNREGISTER_RING_FDS(21),
    PBUF_RING(22),
    UNREGISTER_PBUF_RING(23),
    SYNC_CANCEL(24),
    FILE_ALLOC_RANGE(25),
    PBUF_STATUS(26),
    NAPI(27),
    UNREGISTER_NAPI(28),
    CLOCK(29),
    CLONE_BUFFERS(30),
    SEND_MSG_RING(31),
    ZCRX_IFQ(32),
    RESIZE_RINGS(33),
    MEM_REGION(34),
    QUERY(35),
    ZCRX_CTRL(36),
    BPF_FILTER(37);

    private final long value;

    RegisterOp(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }

    @Override
    public String cName(String prefix) {
        // the unregister half of each pair is IORING_UNREGISTER_*, outside the IORING_REGISTER_ prefix
        return name().startsWith("UNREGISTER_") ? "IORING_" + name() : prefix + name();
    }
}
