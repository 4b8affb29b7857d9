package dev.ringside.tracer.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Where one thread's hot downcalls capture errno: a ring owns one and passes it to every
 * io_uring_enter, so the call needs no ThreadLocal lookup. Confined to the thread that owns the ring.
 */
public final class CallState {
    private static final ThreadLocal<CallState> OF_THREAD = ThreadLocal.withInitial(() -> new CallState(Downcalls.threadState()));

    private final MemorySegment segment;

    /**
     * This thread's errno slot, in the global arena (the one the cold calls use): a downcall acquires and releases the
     * session of every segment it is passed, a shared arena's by two atomic updates per call, the global one's not at
     * all. A ring takes it once, when it is made.
     */
    public static CallState ofCurrentThread() {
        return OF_THREAD.get();
    }

    private CallState(MemorySegment segment) {
        this.segment = segment;
    }

    public CallState(Arena arena) {
        this.segment = Downcalls.allocateState(arena);
    }

    MemorySegment segment() {
        return segment;
    }
}
