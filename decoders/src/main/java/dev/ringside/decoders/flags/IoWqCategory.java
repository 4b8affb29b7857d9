package dev.ringside.decoders.flags;

/** The io-wq worker kinds, the indexes of the IORING_REGISTER_IOWQ_MAX_WORKERS array: IO_WQ_*. */
public enum IoWqCategory implements FlagBit {
    BOUND(0),
    UNBOUND(1);

    private final long value;

    IoWqCategory(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
