package dev.ringside.decoders.flags;

/** zcrx_event_desc.flags (7.2): ZCRX_EVENT_DESC_FLAG_*. */
public enum ZcrxEventDescFlag implements FlagBit {
    STATS(1L << 0);

    private final long value;

    ZcrxEventDescFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
