package dev.ringside.decoders.catalog;

import dev.ringside.decoders.flags.FlagSet;

/** sqe->poll32_events of POLL_ADD and POLL_REMOVE: the POLL* bits of asm-generic/poll.h, and EPOLLEXCLUSIVE. */
public final class PollEvent {
    private PollEvent() {
    }

    /** The set the catalogue types poll32_events with: {@code IN|RDHUP}. */
    public static final FlagSet SET = FlagSet.bits("poll event", "POLL")
            .value(0x0001, "IN")
            .value(0x0002, "PRI")
            .value(0x0004, "OUT")
            .value(0x0008, "ERR")
            .value(0x0010, "HUP")
            .value(0x0020, "NVAL")
            .value(0x0040, "RDNORM")
            .value(0x0080, "RDBAND")
            .value(0x0100, "WRNORM")
            .value(0x0200, "WRBAND")
            .value(0x0400, "MSG")
            .value(0x2000, "RDHUP")
            // linux/eventpoll.h: the kernel passes it through to wake only one of several exclusive waiters.
            .bit(28, "EXCLUSIVE").spelled("EPOLLEXCLUSIVE")
            .bit(28, "EXCLUSIVE").spelled("EPOLLEXCLUSIVE")
            .build();
}
