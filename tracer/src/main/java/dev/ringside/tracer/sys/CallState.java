package dev.ringside.tracer.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Where one thread's hot downcalls capture errno: a ring owns one and passes it to every
 * io_uring_enter, so the call needs no ThreadLocal lookup. Confined to the thread that owns the ring.
 */
public final class CallState {
    private final MemorySegment segment;

    public CallState(Arena arena) {
        this.segment = Downcalls.allocateState(arena);
    }

    MemorySegment segment() {
        return segment;
    }
}
