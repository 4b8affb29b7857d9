package dev.ringside.tracer.ring;

import dev.ringside.decoders.flags.SqRingFlag;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * The SQ ring and SQE array of one ring, as liburing's io_uring_sq: SQEs are written at the local
 * tail, published with a release store of the kernel's tail, and whatever lies between the kernel's
 * head and our tail is what the next io_uring_enter must submit (liburing's __io_uring_flush_sq),
 * so SQEs the kernel left after a partial submit go next time instead of being stranded.
 *
 * <p>With IORING_SETUP_SQ_REWIND the kernel ignores head and tail and reads {@code to_submit} SQEs
 * from slot 0: each batch is written from slot 0 and the local tail goes back to 0 at submit (as
 * liburing's __io_uring_flush_sq). On an SQE_MIXED ring a 128-byte SQE takes two adjacent slots.
 */
public final class SubmissionQueue {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final int NEED_WAKEUP = (int) SqRingFlag.NEED_WAKEUP.value(); // looked up once, not per submit

    private final MemorySegment ring;
    private final MemorySegment sqes;
    private final long head, tail, flags, array;
    private final Map<String, Long> header;
    private final int entries;
    private final int sqeSize;
    /** An SQPOLL thread reads the tail and writes the head concurrently: only then do they need acquire/release. */
    private final boolean sqpoll;
    private final boolean rewind;
    private int localTail;
    /** The tail as we last published it: only we write the kernel's tail, so unpublished() needs no read of it. */
    private int publishedTail;
    /**
     * The kernel's head as last read: it only grows, so free slots counted from it are never more than there are;
     * {@link #next} reads the head again only when this one says full: one read per ring's worth of SQEs where
     * liburing's io_uring_get_sqe reads it per SQE (each read is an ordered access the JIT cannot move).
     */
    private int knownHead;
    /**
     * Each slot's view of the SQE array, scoped like the mapping (stale after the ring closes), all made with the
     * queue: {@link #next} hands one out with no allocation and no call however the JIT inlines it.
     */
    private final MemorySegment[] views;
    /**
     * What {@link #zeroRun} copies over free slots, 4 KiB at most per copy: a copy of a native segment is the JDK's
     * arraycopy stub, 32-byte stores; a fill is 8-byte ones, four times slower over 2 KiB here (docs/performance.md).
     */
    private static final int ZEROS_BYTES = 4096;
    private static final MemorySegment ZEROS = Arena.global().allocate(ZEROS_BYTES, 64).asReadOnly();
    /** The slots one copy of {@link #ZEROS} covers: divided once here, not per copy (an idiv of 20-40 cycles). */
    private final int zerosSlots;
    /** The ring position up to which the free slots are zeroed already. */
    private int zeroedTo;

    SubmissionQueue(MemorySegment ring, MemorySegment sqes, HeaderFields.Offsets offsets, int entries, int sqeSize,
                    boolean hasArray, boolean sqpoll, boolean rewind) {
        this.ring = ring;
        this.sqes = sqes;
        this.head = offsets.head();
        this.tail = offsets.tail();
        this.flags = offsets.flags();
        this.array = offsets.array();
        this.header = offsets.words();
        this.entries = entries;
        this.sqeSize = sqeSize;
        this.sqpoll = sqpoll;
        this.rewind = rewind;
        this.views = new MemorySegment[entries];
        this.zerosSlots = ZEROS_BYTES / sqeSize;
        this.localTail = rewind ? 0 : kernelTail();
        this.publishedTail = kernelTail();
        this.knownHead = localTail;
        for (int i = 0; i < entries; i++) {
            views[i] = sqes.asSlice((long) i * sqeSize, sqeSize);
        }
        sqes.fill((byte) 0); // a fresh mapping: zeroed once here, every slot free
        this.zeroedTo = localTail + entries;
        if (hasArray) { // slot i holds SQE i for good, as liburing's io_uring_queue_mmap: nothing to write per SQE
            for (int i = 0; i < entries; i++) {
                ring.set(ValueLayout.JAVA_INT, array + 4L * i, i);
            }
        }
    }

    public int entries() {
        return entries;
    }

    public int sqeSize() {
        return sqeSize;
    }

    /**
     * The kernel's head: the next SQE it will consume. With SQPOLL an acquire load (the thread's reads of
     * older SQEs are done before we reuse their slots); otherwise the kernel moves it only inside our own
     * io_uring_enter, so a single-copy read is enough (liburing's io_uring_get_sqe and io_uring_sq_ready).
     */
    public int kernelHead() {
        // under 35 bytes of bytecode, so C2 inlines it at a call it judges cold too (next()'s, when the ring looks full)
        return sqpoll ? headAcquire() : (int) INT.getOpaque(ring, head);
    }

    private int headAcquire() {
        return (int) INT.getAcquire(ring, head);
    }

    /** The tail the kernel sees: SQEs up to it are published. Only we write it, so a plain read. */
    public int kernelTail() {
        return (int) INT.get(ring, tail);
    }

    /** Whether the ring reads every batch from slot 0 (IORING_SETUP_SQ_REWIND). */
    public boolean rewinds() {
        return rewind;
    }

    /** SQEs written but not yet published to the kernel. */
    public int unpublished() {
        return rewind ? localTail : localTail - publishedTail;
    }

    /** SQEs the kernel has not consumed yet, published or not: what the next submit hands it. */
    public int pending() {
        return rewind ? localTail : localTail - kernelHead();
    }

    /** Free SQ slots: entries minus what the kernel has not consumed yet. */
    public int space() {
        return entries - pending();
    }

    /** The next free SQE, zeroed and reserved at the local tail; null when the SQ ring is full. */
    public MemorySegment next() {
        if (rewind) {
            if (localTail >= entries) {
                return null; // the kernel reads slots 0..to_submit-1: a batch is one ring's worth at most
            }
        } else if (localTail - knownHead >= entries) {
            knownHead = kernelHead(); // the one read of the head: space() would read it again
            if (localTail - knownHead >= entries) {
                return null;
            }
        }
        int index = localTail & entries - 1;
        MemorySegment sqe = views[index];
        if (localTail - zeroedTo >= 0) {
            zeroFromTail();
        }
        localTail++;
        return sqe;
    }

    /** Slots {@link #zeroConsumed} leaves to {@link #next} when fewer are waiting: a small ring zeroes on the way out. */
    private static final int ZERO_AHEAD_LEAST = 8;

    /**
     * Zeroes the slots the kernel consumed before the latest submit, when there are at least eight: the ring's
     * submit calls it after its enter with what that enter consumed, so a loop writing a batch of SQEs finds them
     * zeroed and calls no copy stub ({@link #next}'s own zeroing is then never taken, and the JIT keeps the ring's
     * fields in registers across the loop), while the SQEs that submit handed over still read as the kernel took
     * them (`mem sqes`) until their slots come round again. Free slots are counted from the head read here.
     */
    public void zeroConsumed(int submitted) {
        // the head is at most our tail: with fewer than eight slots unzeroed up to tail + entries, no need to read it
        if (rewind || localTail + entries - zeroedTo < ZERO_AHEAD_LEAST) {
            return;
        }
        knownHead = kernelHead();
        int end = knownHead - Math.max(0, submitted) + entries;
        while (end - zeroedTo >= ZERO_AHEAD_LEAST) {
            zeroedTo += zeroRun(zeroedTo, end);
        }
    }

    /**
     * Zeroes the SQE at the local tail and every free slot after it up to the ring's end or 4 KiB: one
     * copy per that many SQEs instead of one per SQE (a copy is a call to a native stub, around which the JIT spills
     * the caller's state). Free means the kernel has consumed it: counted from the head read again here, as the one
     * read {@link #next} makes between full rings may be a lap old. With SQ_REWIND a slot at a time: after a
     * publish without an enter the kernel has yet to read the slots from 0.
     */
    private void zeroFromTail() {
        if (!rewind) {
            knownHead = kernelHead();
        }
        zeroedTo = localTail + zeroRun(localTail, rewind ? localTail + 1 : knownHead + entries);
    }

    /**
     * Zeroes the free slots from ring position {@code from} (not masked) towards {@code end} in one copy, which stops
     * at the ring's end and at 4 KiB; returns the slots it zeroed, at least one.
     */
    private int zeroRun(int from, int end) {
        int index = from & entries - 1;
        int slots = Math.min(Math.min(end - from, entries - index), zerosSlots);
        MemorySegment.copy(ZEROS, 0, sqes, (long) index * sqeSize, (long) slots * sqeSize);
        return slots;
    }

    /**
     * Writes one SQE of {@code bytes.length} (the ring's SQE size, or 128 on an SQE_MIXED ring) at the
     * local tail and returns the slots it took. A 128-byte SQE in the last slot cannot wrap: only its
     * first 64 bytes go in, one slot, and the kernel refuses it (liburing pads with a NOP instead).
     */
    public int write(byte[] bytes) {
        int slots = Math.max(1, bytes.length / sqeSize);
        int index = localTail & entries - 1;
        if (slots > 1 && index + slots > entries) {
            slots = 1;
        }
        if (space() < slots) {
            throw new IllegalStateException("SQ ring full: " + space() + " free slots, the SQE needs " + slots);
        }
        for (int i = 0; i < slots; i++) {
            MemorySegment slot = next();
            slot.copyFrom(MemorySegment.ofArray(bytes).asSlice((long) i * sqeSize, sqeSize));
        }
        return slots;
    }

    /** Whether a 128-byte SQE written now would start in the last slot, where it cannot take two. */
    public boolean atLastSlot() {
        return (localTail & entries - 1) == entries - 1;
    }

    /** The SQE at a ring position (not masked), read in place, as it sits in the shared array now. */
    public MemorySegment peek(int position) {
        return views[position & entries - 1].asReadOnly();
    }

    /**
     * Publishes every written SQE and returns how many the kernel has not consumed: tail - khead, as
     * liburing's __io_uring_flush_sq. With SQPOLL a release store of the tail, so the thread sees the SQE
     * bytes first; without, the kernel reads the tail only in the io_uring_enter that follows, and a
     * single-copy store is enough (liburing's IO_URING_WRITE_ONCE).
     */
    public int flush() {
        // read before publishing: an SQPOLL thread may consume the new SQEs as soon as the tail is out
        int pending = pending();
        if (rewind) {
            // the kernel reads slots 0..to_submit-1 whatever head and tail say: the next batch starts at 0 again
            localTail = 0;
            zeroedTo = 0;
            return pending;
        }
        if (sqpoll) {
            INT.setRelease(ring, tail, localTail);
        } else {
            INT.setOpaque(ring, tail, localTail);
        }
        publishedTail = localTail;
        return pending;
    }

    /** IORING_SQ_* flags the kernel sets (NEED_WAKEUP, CQ_OVERFLOW, TASKRUN): a single-copy read, as liburing's READ_ONCE. */
    public int ringFlags() {
        return (int) INT.getOpaque(ring, flags);
    }

    /** Whether a sleeping SQPOLL thread must be woken; after a full fence, as liburing's sq_ring_needs_enter. */
    public boolean needsWakeup() {
        VarHandle.fullFence();
        return (ringFlags() & NEED_WAKEUP) != 0;
    }

    public SqHeader header() {
        return new SqHeader(HeaderFields.read(ring, header));
    }

    /** Writes header word {@code name} (unsafe mode's mem poke: the kernel reads what it finds). */
    public void poke(String name, int value) {
        HeaderFields.write(ring, header, name, value);
        knownHead = localTail - entries; // the head may have gone back: the next SQE reads it again
        publishedTail = kernelTail(); // and the tail may be another now
    }

    /** The mapped SQ ring's bytes, read-only, for live memory views. */
    public MemorySegment memory() {
        return ring.asReadOnly();
    }
}
