package dev.ringside.decoders.catalog;

import dev.ringside.decoders.flags.FlagBit;
import dev.ringside.decoders.flags.FlagSet;

/** sqe->poll32_events of POLL_ADD and POLL_REMOVE: the POLL* bits of asm-generic/poll.h, and EPOLLEXCLUSIVE. */
public enum PollEvent implements FlagBit {
    IN(0x0001),
    PRI(0x0002),
    OUT(0x0004),
    ERR(0x0008),
    HUP(0x0010),
    NVAL(0x0020),
    RDNORM(0x0040),
    RDBAND(0x0080),
    WRNORM(0x0100),
    WRBAND(0x0200),
    MSG(0x0400),
    RDHUP(0x2000),
    /** linux/eventpoll.h: the kernel passes it through to wake only one of several exclusive waiters. */
    EXCLUSIVE(1L << 28) {
        @Override
        public String cName(String prefix) {
            return "EPOLLEXCLUSIVE";
        }
    };

    /** The set the catalogue types poll32_events with: {@code IN|RDHUP}. */
    public static final FlagSet SET = FlagSet.bits("poll event", "POLL", values());

    private final long value;

    PollEvent(long value) {
        this.value = value;
    }

    @Override
    public long value() {
        return value;
    }
}
