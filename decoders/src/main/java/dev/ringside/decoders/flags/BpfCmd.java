package dev.ringside.decoders.flags;

/** io_uring_bpf.cmd_type of IORING_REGISTER_BPF_FILTER: IO_URING_BPF_CMD_*. */
public enum BpfCmd implements FlagBit {
    FILTER(1);

    private final long value;

    BpfCmd(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
