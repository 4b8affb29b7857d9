package dev.ringside.tracer.register;

import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.values.Values;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.function.BooleanSupplier;

/**
 * IORING_REGISTER_SYNC_CANCEL waits in the kernel, up to its timeout, while a matched request is still
 * being cancelled, and a SIGINT to the JVM does not reach that thread: so a long timeout is made of calls
 * of at most {@link #SLICE_NANOS} each, the next made only while the kernel answered -ETIME, time is left
 * and Ctrl-C was not pressed. The call is shown and journaled once, with the user's timeout, as one call
 * with that timeout would have been.
 */
public final class SyncCancelSlices {
    /** As long as a wait's slice: Ctrl-C stops the cancel within this. */
    public static final long SLICE_NANOS = 200_000_000L;
    private static final StructLayout LAYOUT = UapiLayouts.IO_URING_SYNC_CANCEL_REG;
    private static final int ETIME = -Errno.ETIME.number();

    /** One io_uring_register call, not journaled: the kernel's, or a stand-in for a kernel still cancelling. */
    @FunctionalInterface
    public interface Once {
        RegisterCall invoke(int fd, int opcode, MemorySegment arg, int nr);
    }

    private static final Once KERNEL = (fd, opcode, arg, nr) -> RegisterCall.invoke(null, "", fd, opcode, arg, nr);

    private final long timeoutNanos;
    private final BooleanSupplier cancelled;
    private final Once once;

    public SyncCancelSlices(long timeoutNanos, BooleanSupplier cancelled) {
        this(timeoutNanos, cancelled, KERNEL);
    }

    public SyncCancelSlices(long timeoutNanos, BooleanSupplier cancelled, Once once) {
        this.timeoutNanos = timeoutNanos;
        this.cancelled = cancelled;
        this.once = once;
    }

    /** The same contract as {@link RegisterCall#invoke(Journal, String, int, RegisterArgument)}, for a SYNC_CANCEL argument. */
    public RegisterCall invoke(Journal journal, String ring, int ringFd, RegisterArgument argument) {
        MemorySegment arg = argument.arg();
        int fd = argument.blind() ? -1 : ringFd;
        int opcode = argument.opcode().number();
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
                call = once.invoke(fd, opcode, arg, argument.nr());
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
        // one answer, as one call with the user's timeout gives it: the bytes asked (the kernel writes none back), the last result, the whole time
        if (journal != null) {
            journal.record(new Event.RegisterCalled(journal.now(), ring, fd, opcode, argument.nr(), arg.address(), asked, asked,
                    call.result(), took));
        }
        return new RegisterCall(call.ringFd(), call.opcode(), asked, asked, call.argAddress(), call.nrArgs(), call.result(), call.errno(),
                cause, took);
    }
}
