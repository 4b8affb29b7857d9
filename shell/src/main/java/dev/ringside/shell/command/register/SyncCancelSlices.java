package dev.ringside.shell.command.register;

import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.values.Values;
import dev.ringside.tracer.register.RegisterCall;
import dev.ringside.tracer.register.Structs;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.function.BooleanSupplier;

/**
 * IORING_REGISTER_SYNC_CANCEL waits in the kernel, up to its timeout, while a matched request is still
 * being cancelled, and a SIGINT to the JVM does not reach that thread: so a long timeout is made of calls
 * of at most {@link #SLICE_NANOS} each, the next made only while the kernel answered -ETIME, time is left
 * and Ctrl-C was not pressed. The argument shows and journals the user's timeout, as one call would have.
 */
final class SyncCancelSlices implements RegisterPlan.Invoker {
    /** As long as a wait's slice: Ctrl-C stops the cancel within this. */
    static final long SLICE_NANOS = 200_000_000L;
    private static final StructLayout LAYOUT = UapiLayouts.IO_URING_SYNC_CANCEL_REG;
    private static final int ETIME = -Errno.ETIME.number();

    private final long timeoutNanos;
    private final BooleanSupplier cancelled;
    private final RegisterPlan.Invoker once;

    SyncCancelSlices(long timeoutNanos, BooleanSupplier cancelled, RegisterPlan.Invoker once) {
        this.timeoutNanos = timeoutNanos;
        this.cancelled = cancelled;
        this.once = once;
    }

    @Override
    public RegisterCall invoke(int fd, int opcode, MemorySegment arg, int nr) {
        byte[] asked = arg.toArray(ValueLayout.JAVA_BYTE);
        long start = System.nanoTime();
        RegisterCall call;
        int slices = 0;
        boolean interrupted = false;
        try {
            while (true) {
                long left = timeoutNanos - (System.nanoTime() - start);
                long slice = Math.max(0, Math.min(SLICE_NANOS, left));
                Structs.set(arg, LAYOUT, "timeout.tv_sec", slice / 1_000_000_000L);
                Structs.set(arg, LAYOUT, "timeout.tv_nsec", slice % 1_000_000_000L);
                call = once.invoke(fd, opcode, arg, nr);
                slices++;
                if (call.result() != ETIME || left <= SLICE_NANOS) {
                    break;
                }
                if (cancelled.getAsBoolean()) {
                    interrupted = true;
                    break;
                }
            }
        } finally {
            MemorySegment.copy(asked, 0, arg, ValueLayout.JAVA_BYTE, 0, asked.length);
        }
        long took = System.nanoTime() - start;
        String cause = interrupted ? "interrupted (Ctrl-C) after " + Values.formatDurationNanos(Math.max(1, took / 1_000_000) * 1_000_000) + " of "
                + Values.formatDurationNanos(timeoutNanos) + " in " + slices + " calls; the kernel was still cancelling"
                : slices > 1 && call.result() == ETIME ? "the kernel was still cancelling after " + slices + " calls of at most "
                + Values.formatDurationNanos(SLICE_NANOS) : call.cause();
        // one answer, as one call with the user's timeout gives it: the bytes asked, the last result, the whole time
        return new RegisterCall(call.ringFd(), call.opcode(), asked, call.argAddress(), call.nrArgs(), call.result(), call.errno(),
                cause, took);
    }
}
