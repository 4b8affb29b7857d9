package dev.ringside.shell.command.register;

import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.register.ControlArgs;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.RegisterCall;
import dev.ringside.tracer.register.Structs;
import dev.ringside.tracer.register.SyncCancelSlices;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * register sync_cancel's timeout is made of calls of at most 200 ms, so Ctrl-C stops it like a wait: against the
 * real kernel the usual answer is unchanged; against a kernel still cancelling (every call waits out the timeout it
 * got and answers -ETIME, as io_sync_cancel does while its target is running) a 1 h timeout ends at the next slice.
 */
class SyncCancelSlicesTest {
    static final long SECOND = 1_000_000_000L;

    /** Answers each call as io_sync_cancel does while the matched request cannot be stopped yet: after its timeout, -ETIME. */
    static final class StillCancelling implements SyncCancelSlices.Once {
        final List<Long> timeouts = new ArrayList<>();
        Runnable afterCall = () -> { };

        @Override
        public RegisterCall invoke(int fd, int opcode, MemorySegment arg, int nr) {
            long nanos = Structs.get(arg, UapiLayouts.IO_URING_SYNC_CANCEL_REG, "timeout.tv_sec") * SECOND
                    + Structs.get(arg, UapiLayouts.IO_URING_SYNC_CANCEL_REG, "timeout.tv_nsec");
            timeouts.add(nanos);
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            afterCall.run();
            byte[] bytes = arg.toArray(ValueLayout.JAVA_BYTE);
            return new RegisterCall(fd, opcode, bytes, bytes, arg.address(), nr, -62, 62, "", nanos);
        }
    }

    static RegisterArgument syncCancelArg(Arena arena, long timeoutNanos) {
        return ControlArgs.syncCancel(arena, 0, -1, 0, -1, timeoutNanos);
    }

    @Test
    void aTimeoutIsMadeOfSlicesOfAtMost200msThatAddUpToIt() {
        try (Arena arena = Arena.ofConfined()) {
            RegisterArgument arg = syncCancelArg(arena, SECOND);
            byte[] asked = arg.bytes();
            StillCancelling kernel = new StillCancelling();
            Journal journal = new Journal();
            RegisterCall call = new SyncCancelSlices(SECOND, () -> false, kernel).invoke(journal, "r", -1, arg);
            assertEquals(-62, call.result());
            assertTrue(kernel.timeouts.stream().allMatch(t -> t <= SyncCancelSlices.SLICE_NANOS), kernel.timeouts.toString());
            long total = kernel.timeouts.stream().mapToLong(Long::longValue).sum();
            assertTrue(total >= SECOND - 50_000_000L && total <= SECOND, kernel.timeouts.toString());
            assertTrue(call.cause().contains("still cancelling after " + kernel.timeouts.size() + " calls"), call.cause());
            // the argument is the user's again: shown and journaled with the timeout asked for
            assertArrayEquals(asked, arg.bytes());
            assertArrayEquals(asked, call.argBefore());
            List<Event.RegisterCalled> journaled = journal.events().stream()
                    .filter(Event.RegisterCalled.class::isInstance).map(Event.RegisterCalled.class::cast).toList();
            assertEquals(1, journaled.size());
            assertArrayEquals(asked, journaled.getFirst().argIn());
            assertEquals(-62, journaled.getFirst().result());
        }
    }

    @Test
    void ctrlCEndsAnHourLongSyncCancelAtTheNextSlice() {
        try (Arena arena = Arena.ofConfined()) {
            RegisterArgument arg = syncCancelArg(arena, WaitLimit.MAX_WAIT_NANOS);
            StillCancelling kernel = new StillCancelling();
            AtomicBoolean ctrlC = new AtomicBoolean();
            kernel.afterCall = () -> ctrlC.set(kernel.timeouts.size() == 3);
            long start = System.nanoTime();
            RegisterCall call = new SyncCancelSlices(WaitLimit.MAX_WAIT_NANOS, ctrlC::get, kernel).invoke(null, "r", -1, arg);
            long took = System.nanoTime() - start;
            assertEquals(3, kernel.timeouts.size());
            assertTrue(took < 5 * SECOND, "took " + took + " ns");
            assertEquals(-62, call.result());
            assertTrue(call.cause().startsWith("interrupted (Ctrl-C) after "), call.cause());
            assertTrue(call.cause().contains(" of 3600s in 3 calls"), call.cause());
        }
    }

    @Test
    void theRealKernelCancelsARunningReadAndAnswersAtOnce() {
        StringWriter text = new StringWriter();
        try (Session session = new Session(new PrintWriter(text, true), Style.detect(false, null))) {
            Dispatcher console = new Dispatcher(session);
            for (String line : List.of("ring create entries=8", "pipe p", "buf alloc in 16",
                    "sqe read user_data=7 fd=$p.r addr=@in len=16 flags=ASYNC", "submit")) {
                console.run(line);
            }
            long start = System.nanoTime();
            console.run("register sync_cancel user_data=7 timeout=1h");
            assertTrue(System.nanoTime() - start < 5 * SECOND, text.toString());
            console.run("wait wait=1");
            console.run("expect cqe user_data=7 res=-ECANCELED");
        }
        String out = text.toString();
        assertTrue(out.contains("= 0\n"), out);
        assertTrue(out.contains("3600"), out); // the timeout shown is the one asked for, not a slice's
    }
}
