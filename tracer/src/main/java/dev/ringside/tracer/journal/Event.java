package dev.ringside.tracer.journal;

import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.tracer.ring.RingConfig;

import java.util.List;
import java.util.OptionalLong;

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

    /** A console line that ran to its end ({@code succeeded}) or stopped on an error or a failed expectation: the boundary of a step, for reproducers. */
    record CommandRan(long at, String line, boolean succeeded) implements Event {
    }

    /** What io_uring_setup was asked for, so that a reproducer can ask the same. */
    record RingConfigured(long at, String ring, RingConfig config) implements Event {
    }

    /** The field assignments, as the user named them, that the next SqeQueued of this ring was encoded from. */
    record SqeAssigned(long at, String ring, Opcode opcode, List<SqeDraft.Assignment> assignments) implements Event {
        public SqeAssigned {
            assignments = List.copyOf(assignments);
        }
    }

    /** A bounded wait for {@code count} completions of at most {@code timeoutNanos}; {@code ready} were there after it. */
    record Waited(long at, String ring, int count, long timeoutNanos, int ready) implements Event {
    }

    /** An {@code expect cqe} check: its filters (empty: any), its timeout, the ring current then ("" if none), and whether it held. */
    record Expected(long at, String ring, OptionalLong userData, OptionalLong res, OptionalLong flags, long timeoutNanos,
                    boolean met) implements Event {
    }
}
