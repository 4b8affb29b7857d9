package dev.ringside.tracer;

import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.ring.Completion;
import dev.ringside.tracer.ring.CqHeader;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;
import dev.ringside.tracer.sys.SyscallException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real rings on the running kernel: set up, submit NOPs, reap, close. */
class RingTest {
    static final int OP_NOP = 0;
    static final int NOP_INJECT_RESULT = 1;

    static void nop(Ring ring, long userData, int injected) {
        MemorySegment sqe = ring.nextSqe();
        sqe.set(ValueLayout.JAVA_BYTE, 0, (byte) OP_NOP);
        sqe.set(ValueLayout.JAVA_LONG, 32, userData);
        if (injected != 0) {
            sqe.set(ValueLayout.JAVA_INT, 28, NOP_INJECT_RESULT);
            sqe.set(ValueLayout.JAVA_INT, 24, injected);
        }
    }

    static List<Completion> roundTrip(RingConfig config) throws SyscallException {
        try (Ring ring = Ring.create(config)) {
            nop(ring, 1, 0);
            nop(ring, 2, -Errno.EIO.number());
            assertEquals(2, ring.queued());
            assertEquals(2, ring.submit());
            assertEquals(2, ring.waitFor(2, 1_000_000_000L, () -> false));
            List<Completion> cqes = ring.reap();
            CqHeader cq = ring.cqHeader();
            assertEquals(cq.head(), cq.tail(), "head advanced to the tail");
            assertEquals(2, cq.tail());
            return cqes;
        }
    }

    @Test
    void nopsCompleteOnAPlainRing() throws Exception {
        List<Completion> cqes = roundTrip(RingConfig.of(8, 0));
        assertEquals(2, cqes.size());
        assertEquals(1, cqes.get(0).userData());
        assertEquals(0, cqes.get(0).res());
        assertEquals(2, cqes.get(1).userData());
        assertEquals(-Errno.EIO.number(), cqes.get(1).res());
    }

    @Test
    void nopsCompleteWithSingleIssuerDeferTaskrunAndNoSqArray() throws Exception {
        long flags = SetupFlag.SINGLE_ISSUER.value() | SetupFlag.DEFER_TASKRUN.value() | SetupFlag.NO_SQARRAY.value();
        assertEquals(2, roundTrip(RingConfig.of(8, flags)).size());
    }

    @Test
    void bigEntriesHaveBigSlots() throws Exception {
        long flags = SetupFlag.SQE128.value() | SetupFlag.CQE32.value();
        try (Ring ring = Ring.create(RingConfig.of(4, flags))) {
            assertEquals(128, ring.sqeSize());
            assertEquals(32, ring.cqeSize());
        }
        List<Completion> cqes = roundTrip(RingConfig.of(4, flags));
        assertTrue(cqes.get(0).isBig());
    }

    @Test
    void sqpollRingSubmitsWithoutEnter() throws Exception {
        assertEquals(2, roundTrip(new RingConfig(8, SetupFlag.SQPOLL.value(), 0, 0, 10, 0)).size());
    }

    @Test
    void timedOutWaitReturnsWhatIsReady() throws Exception {
        try (Ring ring = Ring.create(RingConfig.of(8, 0))) {
            long start = System.nanoTime();
            assertEquals(0, ring.waitFor(1, 120_000_000L, () -> false));
            long took = System.nanoTime() - start;
            assertTrue(took >= 100_000_000L, "waited about the timeout, not less: " + took);
        }
    }

    @Test
    void kernelRejectionCarriesErrnoAndCause() {
        // DEFER_TASKRUN without SINGLE_ISSUER is invalid on every kernel that knows it
        SyscallException e = assertThrows(SyscallException.class,
                () -> Ring.create(RingConfig.of(8, SetupFlag.DEFER_TASKRUN.value())));
        assertEquals(Errno.EINVAL.number(), e.errno());
        assertTrue(e.getMessage().startsWith("io_uring_setup: -EINVAL"), e.getMessage());
        assertFalse(e.likelyCause().isEmpty());
    }

    @Test
    void closeReleasesTheFdAndIsIdempotent() throws Exception {
        Ring ring = Ring.create(RingConfig.of(8, 0));
        Path fdLink = Path.of("/proc/self/fd/" + ring.fd());
        assertTrue(Files.readSymbolicLink(fdLink).toString().contains("io_uring"));
        ring.close();
        ring.close();
        assertFalse(Files.exists(fdLink, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && Files.readSymbolicLink(fdLink).toString().contains("io_uring"));
    }

    /**
     * A submit-only enter goes through the critical downcall, a waiting one through the ordinary: both still report
     * errno, captured in an arena's slot or in the thread's own (global arena) slot a ring uses.
     */
    @Test
    void failedEntersReportTheirErrnoOnBothDowncalls() {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            int getEvents = 1; // IORING_ENTER_GETEVENTS
            for (dev.ringside.tracer.sys.CallState state : List.of(new dev.ringside.tracer.sys.CallState(arena),
                    dev.ringside.tracer.sys.CallState.ofCurrentThread())) {
                for (int[] call : new int[][]{{1, 0, 0}, {0, 1, getEvents}}) { // submit (critical), wait (ordinary)
                    SyscallException e = assertThrows(SyscallException.class, () -> dev.ringside.tracer.sys.Syscalls.ioUringEnter(
                            state, -1, call[0], call[1], call[2], MemorySegment.NULL, 0));
                    assertEquals(Errno.EBADF.number(), e.errno(), e.getMessage());
                }
            }
        }
    }
}
