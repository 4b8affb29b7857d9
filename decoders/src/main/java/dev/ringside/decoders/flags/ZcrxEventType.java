package dev.ringside.decoders.flags;

/** zcrx_ctrl_arm_event.event_type and the bits of zcrx_event_desc.type_mask (7.2): ZCRX_EVENT_*. */
public enum ZcrxEventType implements FlagBit {
    ALLOC_FAIL(0),
    COPY(1);

    private final long value;

    ZcrxEventType(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
