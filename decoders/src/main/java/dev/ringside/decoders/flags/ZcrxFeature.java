package dev.ringside.decoders.flags;

/** zcrx feature bits: ZCRX_FEATURE_*, what the running kernel's zcrx supports. */
public enum ZcrxFeature implements FlagBit {
    RX_PAGE_SIZE(1L << 0),
    EVENT(1L << 1);

    private final long value;

    ZcrxFeature(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
