package dev.ringside.decoders.flags;

/** sqe->len of POLL_ADD and POLL_REMOVE: IORING_POLL_* (the events themselves go in poll32_events). */
public enum PollFlag implements FlagBit {
    ADD_MULTI(1L << 0),
    UPDATE_EVENTS(1L << 1),
    UPDATE_USER_DATA(1L << 2),
    ADD_LEVEL(1L << 3);

    private final long value;

    PollFlag(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
