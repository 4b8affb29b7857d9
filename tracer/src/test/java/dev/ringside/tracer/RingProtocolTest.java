package dev.ringside.tracer;

import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.ring.Completion;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ring protocol against liburing's queue.c on the real kernel: a wait blocks in the kernel for the
 * whole count (io_uring_wait_cqe_nr), a submit hands over tail - khead (__io_uring_flush_sq), every
 * io_uring_enter is journaled, and views of the mappings die with the ring.
 */
class RingProtocolTest {
    /** IORING_OP_TIMEOUT (../shared/uapi/constants.tsv). */
    static final int OP_TIMEOUT = 11;
    /** No IOSQE_* bit: the kernel fails the SQE at init with -EINVAL and stops the batch there. */
    static final byte UNKNOWN_SQE_FLAG = (byte) 0x80;
    /** IORING_NOP_CQE32 in nop_flags (the rw_flags union): the NOP posts a 32-byte CQE. */
    static final int NOP_CQE32 = 1 << 5;

    static void timeout(Ring ring, long userData, long nanos) {
        MemorySegment ts = ring.arena().allocate(UapiLayouts.KERNEL_TIMESPEC);
        ts.set(ValueLayout.JAVA_LONG, 0, nanos / 1_000_000_000L);
        ts.set(ValueLayout.JAVA_LONG, 8, nanos % 1_000_000_000L);
        MemorySegment sqe = ring.nextSqe();
        sqe.set(ValueLayout.JAVA_BYTE, 0, (byte) OP_TIMEOUT);
        sqe.set(ValueLayout.JAVA_LONG, 16, ts.address());
        sqe.set(ValueLayout.JAVA_INT, 24, 1);
        sqe.set(ValueLayout.JAVA_LONG, 32, userData);
    }

    static List<Event.Entered> enters(Journal journal) {
        return journal.events().stream().filter(e -> e instanceof Event.Entered).map(e -> (Event.Entered) e).toList();
    }

    /** NOP + 300 ms TIMEOUT, then a wait for both: the issue measured 23,000-40,000 enters with strace before. */
    void waitBlocks(long setupFlags) throws Exception {
        Journal journal = new Journal();
        try (Ring ring = Ring.create(RingConfig.of(8, setupFlags), journal, "r")) {
            RingTest.nop(ring, 1, 0);
            timeout(ring, 2, 300_000_000L);
            assertEquals(2, ring.submit());
            assertEquals(2, ring.waitFor(2, 1_000_000_000L, () -> false));
            List<Event.Entered> enters = enters(journal);
            assertEquals(ring.enters(), enters.size(), "the journal has every enter the ring counted: " + enters);
            assertTrue(enters.size() <= 3, "submit + at most two 200 ms wait slices, no spinning: " + enters);
            assertEquals(Event.EnterReason.SUBMIT, enters.getFirst().reason());
            assertEquals(2, enters.getFirst().toSubmit());
            for (Event.Entered wait : enters.subList(1, enters.size())) {
                assertEquals(Event.EnterReason.WAIT, wait.reason());
                assertEquals(2, wait.minComplete(), "the whole count: the kernel counts every CQE from head to tail");
                assertTrue(wait.timeoutNanos() > 0 && wait.timeoutNanos() <= 200_000_000L, "a bounded slice: " + wait);
            }
            assertEquals(List.of(1L, 2L), ring.reap().stream().map(Completion::userData).toList());
        }
    }

    @Test
    void waitForTwoBlocksInsteadOfSpinningOnTheFirst() throws Exception {
        waitBlocks(0);
    }

    @Test
    void waitForTwoBlocksOnADeferTaskrunRing() throws Exception {
        waitBlocks(SetupFlag.SINGLE_ISSUER.value() | SetupFlag.DEFER_TASKRUN.value());
    }

    @Test
    void aCancelledWaitReturnsAtTheNextSlice() throws Exception {
        try (Ring ring = Ring.create(RingConfig.of(8, 0))) {
            long start = System.nanoTime();
            assertEquals(0, ring.waitFor(1, 5_000_000_000L, () -> System.nanoTime() - start > 100_000_000L));
            long took = System.nanoTime() - start;
            assertTrue(took < 1_000_000_000L, "Ctrl-C is seen within a slice, not after the 5 s timeout: " + took);
        }
    }

    /** liburing's __io_uring_flush_sq: SQEs the kernel did not consume go with the next submit, not a stale one for a new one. */
    @Test
    void aPartialSubmitLeavesTheRestForTheNextSubmit() throws Exception {
        Journal journal = new Journal();
        try (Ring ring = Ring.create(RingConfig.of(8, 0), journal, "r")) {
            MemorySegment bad = ring.nextSqe();
            bad.set(ValueLayout.JAVA_LONG, 32, 1L);
            bad.set(ValueLayout.JAVA_BYTE, 1, UNKNOWN_SQE_FLAG);
            RingTest.nop(ring, 2, 0);
            RingTest.nop(ring, 3, 0);
            assertEquals(1, ring.submit(), "the kernel stops at the SQE that fails at init");
            assertEquals(2, ring.sq().pending(), "the two behind it are still the kernel's to consume");
            assertEquals(6, ring.sqSpace(), "they still take SQ slots");
            RingTest.nop(ring, 4, 0);
            assertEquals(3, ring.submit(), "tail - khead: the two left and the new one");
            assertEquals(0, ring.sq().pending());
            assertEquals(4, ring.waitFor(4, 1_000_000_000L, () -> false));
            List<Completion> cqes = ring.reap();
            assertEquals(List.of(1L, 2L, 3L, 4L), cqes.stream().map(Completion::userData).sorted().toList());
            assertEquals(-Errno.EINVAL.number(), cqes.stream().filter(c -> c.userData() == 1).findFirst().orElseThrow().res());
            List<Event.Submitted> submits = journal.events().stream().filter(e -> e instanceof Event.Submitted)
                    .map(e -> (Event.Submitted) e).toList();
            assertEquals(List.of(3, 3), submits.stream().map(Event.Submitted::pending).toList());
            assertEquals(List.of(1L, 3L), submits.stream().map(Event.Submitted::submitted).toList());
        }
    }

    /**
     * The zeroing ahead that follows a submit counts free slots from the kernel's head, not from our tail: nine
     * NOPs left behind by a partial submit on 16 slots are still the kernel's, and the next submit runs them with
     * their own user_data (counted from the tail they would be zeroed as free slots 16 to 25).
     */
    @Test
    void aPartialSubmitsLeftoversSurviveTheZeroingAhead() throws Exception {
        try (Ring ring = Ring.create(RingConfig.of(16, 0))) {
            MemorySegment bad = ring.nextSqe();
            bad.set(ValueLayout.JAVA_LONG, 32, 1L);
            bad.set(ValueLayout.JAVA_BYTE, 1, UNKNOWN_SQE_FLAG);
            for (long userData = 2; userData <= 10; userData++) {
                RingTest.nop(ring, userData, 0);
            }
            assertEquals(1, ring.submit(), "the kernel stops at the SQE that fails at init");
            assertEquals(9, ring.sq().pending());
            assertEquals(9, ring.submit());
            assertEquals(10, ring.waitFor(10, 1_000_000_000L, () -> false));
            assertEquals(java.util.stream.LongStream.rangeClosed(1, 10).boxed().toList(),
                    ring.reap().stream().map(Completion::userData).sorted().toList());
        }
    }

    /**
     * The zeroing after a submit spares the SQEs that submit handed over: they read as the kernel took them (what
     * `mem sqes` shows) until their slots come round, batch after batch of ten on 16 slots and of 40 on 64.
     */
    @Test
    void aSubmitsOwnSqesStillReadAsSubmitted() throws Exception {
        for (int[] c : new int[][] {{16, 10}, {64, 40}}) {
            try (Ring ring = Ring.create(RingConfig.of(c[0], 0))) {
                int perBatch = c[1];
                long userData = 1;
                int position = 0;
                for (int batch = 0; batch < 6; batch++) {
                    int first = position;
                    for (int i = 0; i < perBatch; i++, position++) {
                        RingTest.nop(ring, userData + i, 0);
                    }
                    assertEquals(perBatch, ring.submit());
                    assertEquals(perBatch, ring.waitFor(perBatch, 1_000_000_000L, () -> false));
                    assertEquals(perBatch, ring.reap().size());
                    for (int i = 0; i < perBatch; i++) {
                        assertEquals(userData + i, ring.sqeAt(first + i).get(ValueLayout.JAVA_LONG, 32),
                                c[0] + " slots, batch " + batch + ", SQE " + i + " as submitted");
                    }
                    userData += perBatch;
                }
            }
        }
    }

    /** A DEFER_TASKRUN completion is posted only when the task enters: runTaskWork does, and the journal has it. */
    @Test
    void taskWorkRunIsAnEnterInTheJournal() throws Exception {
        Journal journal = new Journal();
        long flags = SetupFlag.SINGLE_ISSUER.value() | SetupFlag.DEFER_TASKRUN.value();
        try (Ring ring = Ring.create(RingConfig.of(8, flags), journal, "r")) {
            timeout(ring, 1, 1_000_000L);
            ring.submit();
            Thread.sleep(20);
            assertEquals(0, ring.ready(), "fired, but not posted before the task enters the kernel");
            assertTrue(ring.runTaskWork());
            assertEquals(1, ring.ready());
            Event.Entered last = enters(journal).getLast();
            assertEquals(Event.EnterReason.TASK_WORK, last.reason());
            assertEquals(0, last.minComplete());
            assertEquals(-1, last.timeoutNanos());
        }
        try (Ring plain = Ring.create(RingConfig.of(8, 0), journal, "p")) {
            assertTrue(!plain.runTaskWork(), "a plain ring posts completions without an enter");
        }
    }

    /** On a CQE_MIXED ring a 32-byte CQE takes two slots: a wait for two completions is not over after it alone. */
    @Test
    void aWaitCountsCompletionsNotSlotsOnAMixedRing() throws Exception {
        Ring ring;
        try {
            ring = Ring.create(RingConfig.of(4, SetupFlag.CQE_MIXED.value()));
        } catch (dev.ringside.tracer.sys.SyscallException e) {
            org.junit.jupiter.api.Assumptions.abort("this kernel has no IORING_SETUP_CQE_MIXED: " + e.getMessage());
            return;
        }
        try (ring) {
            MemorySegment big = ring.nextSqe();
            big.set(ValueLayout.JAVA_LONG, 32, 1L);
            big.set(ValueLayout.JAVA_INT, 28, NOP_CQE32);
            timeout(ring, 2, 100_000_000L);
            assertEquals(2, ring.submit());
            assertEquals(2, ring.waitFor(2, 1_000_000_000L, () -> false));
            assertEquals(List.of(1L, 2L), ring.reap().stream().map(Completion::userData).toList(),
                    "the big NOP and the timeout, not the NOP alone");
        }
    }

    /** peek reads a CQE in place; only reap moves the head. */
    /**
     * Every SQE nextSqe hands out is all zero, lap after lap, though each slot held a NOP with user_data, addr and off
     * set (the kernel leaves a consumed SQE as it was): batches of 3 on 16 slots start the zeroing of the free slots
     * ahead at every phase and wrap; 128-byte SQEs; batches of 100 on 256 slots pass the 4 KiB one copy zeroes; and a
     * SQ_REWIND ring, whose batches start at slot 0 again, zeroes one at a time.
     */
    @Test
    void everySqeHandedOutIsZeroLapAfterLap() throws Exception {
        long[][] cases = {{16, 0, 3}, {16, SetupFlag.SQE128.value(), 3}, {256, 0, 100}, {16, SetupFlag.SQ_REWIND.value(), 3}};
        for (long[] c : cases) {
            long flags = c[1];
            int perBatch = (int) c[2];
            try (Ring ring = Ring.create(RingConfig.of((int) c[0], flags), null, "r")) {
                if ((ring.setupFlags() & flags) != flags) {
                    continue; // a kernel before SQ_REWIND refused the flag: Ring.create threw, or the ring lacks it
                }
                long userData = 1;
                for (int batch = 0; batch < 40; batch++) {
                    for (int i = 0; i < perBatch; i++, userData++) {
                        MemorySegment sqe = ring.nextSqe();
                        for (long at = 0; at < sqe.byteSize(); at += 8) {
                            assertEquals(0, sqe.get(ValueLayout.JAVA_LONG, at), "SQE " + userData + ", byte " + at);
                        }
                        sqe.set(ValueLayout.JAVA_BYTE, 0, (byte) 0); // IORING_OP_NOP
                        sqe.set(ValueLayout.JAVA_LONG, 8, 0x5a5a5a5aL); // off: NOP ignores it
                        sqe.set(ValueLayout.JAVA_LONG, 16, 0x5a5a5a5aL); // addr: NOP ignores it
                        sqe.set(ValueLayout.JAVA_LONG, 32, userData);
                    }
                    assertEquals(perBatch, ring.submit());
                    assertEquals(perBatch, ring.waitFor(perBatch, 1_000_000_000L, () -> false));
                    List<Completion> cqes = ring.reap();
                    assertEquals(perBatch, cqes.size());
                    assertEquals(userData - 1, cqes.getLast().userData());
                }
            } catch (dev.ringside.tracer.sys.SyscallException e) {
                assertTrue(flags != 0, "a plain ring cannot be refused: " + e.getMessage());
            }
        }
    }

    /**
     * The zeroing of the free slots ahead of the tail stops at the SQEs published but not yet consumed: four NOPs
     * published without an enter, then four more written across the ring's end (the first of them zeroes the slots
     * the kernel freed), and the one enter runs all eight with their own user_data.
     */
    @Test
    void zeroingAheadLeavesPublishedSqesAlone() throws Exception {
        try (Ring ring = Ring.create(RingConfig.of(8, 0))) {
            for (int i = 0; i < 4; i++) {
                RingTest.nop(ring, 100 + i, 0);
            }
            assertEquals(4, ring.submit());
            assertEquals(4, ring.waitFor(4, 1_000_000_000L, () -> false));
            assertEquals(4, ring.reap().size());
            for (int i = 0; i < 4; i++) {
                RingTest.nop(ring, 200 + i, 0);
            }
            assertEquals(4, ring.publish(), "published, not entered: the kernel's head stays");
            for (int i = 4; i < 8; i++) {
                RingTest.nop(ring, 200 + i, 0);
            }
            assertNull(ring.nextSqe(), "eight pending on eight slots: full");
            assertEquals(8, ring.submit());
            assertEquals(8, ring.waitFor(8, 1_000_000_000L, () -> false));
            assertEquals(java.util.stream.LongStream.range(200, 208).boxed().toList(),
                    ring.reap().stream().map(Completion::userData).toList());
        }
    }

    @Test
    void peekReadsWhatReapThenTakes() throws Exception {
        try (Ring ring = Ring.create(RingConfig.of(4, SetupFlag.CQE32.value()))) {
            RingTest.nop(ring, 7, 0);
            ring.submit();
            ring.waitFor(1, 1_000_000_000L, () -> false);
            Completion peeked = ring.cq().peek(ring.cq().head());
            assertEquals(7, peeked.userData());
            assertEquals(16, peeked.big().length, "CQE32: the extra 16 bytes in place");
            assertEquals(1, ring.ready(), "peek does not reap");
            Completion reaped = ring.reap().getFirst();
            assertEquals(peeked.userData(), reaped.userData());
            assertEquals(peeked.index(), reaped.index());
            assertEquals(0, ring.ready());
        }
    }

    /** After close the mappings are gone: a view kept from before throws instead of faulting the JVM. */
    @Test
    void viewsOfTheMappingsDieWithTheRing() throws Exception {
        Ring ring = Ring.create(RingConfig.of(8, 0));
        MemorySegment sq = ring.sqRingMemory();
        MemorySegment cq = ring.cqRingMemory();
        MemorySegment sqe = ring.sqeAt(0);
        MemorySegment slot = ring.cq().slot(0);
        assertEquals(0, sq.get(ValueLayout.JAVA_INT, 0));
        ring.close();
        assertThrows(IllegalStateException.class, () -> sq.get(ValueLayout.JAVA_INT, 0));
        assertThrows(IllegalStateException.class, () -> cq.get(ValueLayout.JAVA_INT, 0));
        assertThrows(IllegalStateException.class, () -> sqe.get(ValueLayout.JAVA_BYTE, 0));
        assertThrows(IllegalStateException.class, () -> slot.get(ValueLayout.JAVA_LONG, 0));
        assertThrows(IllegalStateException.class, ring::sqHeader);
    }
}
