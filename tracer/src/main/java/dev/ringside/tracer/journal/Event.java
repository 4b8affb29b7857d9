package dev.ringside.tracer.journal;

import java.util.List;

/** Everything that happens to a ring, recorded in order: the spine of display, expectations and reports. */
public sealed interface Event {
    /** Nanoseconds since the journal started. */
    long at();

    record RingCreated(long at, String ring, int fd, int entries, long flags, long features) implements Event {
    }

    record SqeQueued(long at, String ring, String opcode, long userData, byte[] bytes) implements Event {
    }

    /** An io_uring_enter or io_uring_register call: its arguments, result (or -errno) and duration. */
    record Syscall(long at, String ring, String call, List<Long> args, long result, long nanos) implements Event {
    }

    record CqeReaped(long at, String ring, long userData, int res, int flags) implements Event {
    }

    record RingClosed(long at, String ring) implements Event {
    }

    record Note(long at, String text) implements Event {
    }
}
