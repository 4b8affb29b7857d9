package dev.ringside.decoders.flags;

/** io_uring_bpf_filter.flags of IORING_REGISTER_BPF_FILTER: IO_URING_BPF_FILTER_*. */
public enum BpfFilterFlag implements FlagBit {
    DENY_REST(1L << 0),
    SZ_STRICT(1L << 1);

    private final long value;

    BpfFilterFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
