package dev.ringside.tracer.ring;

import dev.ringside.decoders.flags.CqeFlag;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CQ ring of one ring, as liburing's io_uring_cq: CQEs are read between our head and the
 * kernel's tail (acquire), and handed back with a release store of the head. The one place that
 * knows a CQE's slots: 32 bytes in place on a CQE32 ring, two 16-byte slots for an F_32 CQE on a
 * CQE_MIXED ring, and F_SKIP padding that is no completion at all.
 */
public final class CompletionQueue {
    /** struct io_uring_cqe without the CQE32 extra: user_data, res, flags. */
    public static final int CQE_BYTES = 16;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final int SKIP = (int) CqeFlag.SKIP.value();
    private static final long F_32 = CqeFlag.F_32.value();
    private static final boolean LITTLE_ENDIAN = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;

    private final MemorySegment ring;
    private final long head, tail, flags, cqes;
    private final Map<String, Long> header;
    private final int entries;
    private final int cqeSize;
    /** CQE_MIXED: big CQEs take two slots and F_SKIP padding may sit between; elsewhere a slot is a completion. */
    private final boolean mixed;
    /** The head as we last handed it back: only we write it (the kernel never does), so reading it needs no access. */
    private int localHead;

    CompletionQueue(MemorySegment ring, HeaderFields.Offsets offsets, int entries, int cqeSize, boolean mixed) {
        this.ring = ring;
        this.head = offsets.head();
        this.tail = offsets.tail();
        this.flags = offsets.flags();
        this.cqes = offsets.array();
        this.header = offsets.words();
        this.entries = entries;
        this.cqeSize = cqeSize;
        this.mixed = mixed;
        this.localHead = (int) INT.get(ring, head);
    }

    public int entries() {
        return entries;
    }

    /** Bytes per slot: 32 on a CQE32 ring, else 16. */
    public int cqeSize() {
        return cqeSize;
    }

    public int head() {
        return (int) INT.getAcquire(ring, head);
    }

    /** The kernel's tail, with acquire: the CQEs before it are fully written. */
    public int tail() {
        return (int) INT.getAcquire(ring, tail);
    }

    /** CQ slots ready to reap now (a CQE_MIXED big CQE counts two, as the kernel counts it). */
    public int ready() {
        return tail() - localHead;
    }

    /** Completions ready now: the CQEs between head and tail, a big CQE_MIXED one counted once, F_SKIP padding not at all. */
    public int readyCompletions() {
        if (!mixed) {
            return ready();
        }
        int completions = 0;
        int end = tail();
        for (int position = localHead; end - position > 0; position += slotsAt(position)) {
            if ((flagsAt(position) & SKIP) == 0) {
                completions++;
            }
        }
        return completions;
    }

    /** Byte offset of slot {@code position} (not masked) in the ring mapping. */
    private long offsetOf(int position) {
        return cqes + (long) (position & entries - 1) * cqeSize;
    }

    /** The flags word of the CQE at this position, read in place. */
    private int flagsAt(int position) {
        return ring.get(ValueLayout.JAVA_INT, offsetOf(position) + 12);
    }

    /** The raw bytes of slot {@code index} (0..entries-1), {@link #cqeSize} long. */
    public MemorySegment slot(int index) {
        return ring.asSlice(cqes + (long) (index & entries - 1) * cqeSize, cqeSize).asReadOnly();
    }

    /** The CQE at ring position {@code position} (not masked), read in place without moving the head. */
    public Completion peek(int position) {
        MemorySegment cqe = slot(position);
        long userData = cqe.get(ValueLayout.JAVA_LONG, 0);
        int res = cqe.get(ValueLayout.JAVA_INT, 8);
        int cqeFlags = cqe.get(ValueLayout.JAVA_INT, 12);
        byte[] big = cqeSize > CQE_BYTES ? cqe.asSlice(CQE_BYTES).toArray(ValueLayout.JAVA_BYTE)
                : spills(cqeFlags) ? slot(position + 1).toArray(ValueLayout.JAVA_BYTE) : new byte[0];
        return new Completion(Integer.toUnsignedLong(position), userData, res, cqeFlags, big);
    }

    /** Whether a CQE with these flags takes the next 16-byte slot too: F_32 on a ring of 16-byte slots (CQE_MIXED). */
    public boolean spills(int cqeFlags) {
        return cqeSize == CQE_BYTES && (cqeFlags & F_32) != 0;
    }

    /** How many slots the CQE at this position takes: 1, or 2 for a big CQE on a CQE_MIXED ring. */
    public int slotsAt(int position) {
        return spills(flagsAt(position)) ? 2 : 1;
    }

    /** F_SKIP: padding the kernel posted so a big CQE does not wrap; it answers no request. */
    public static boolean isSkip(Completion c) {
        return (c.flags() & CqeFlag.SKIP.value()) != 0;
    }

    /** Every ready CQE from head to tail, padding left out, and the slots handed back (release on the head). */
    public List<Completion> reap() {
        List<Completion> out = new ArrayList<>();
        reap((position, userData, res, cqeFlags) -> out.add(peek(position)));
        return out;
    }

    /** Receives each CQE {@link #reap(Sink)} reads, while its slot is still ours (the head not yet moved past it). */
    @FunctionalInterface
    public interface Sink {
        void completion(int position, long userData, int res, int flags);
    }

    /**
     * Every ready CQE from head to tail handed to {@code sink} in order, padding left out, then the slots
     * handed back with one release store of the head (as liburing's io_uring_for_each_cqe + io_uring_cq_advance).
     * Reads the tail once with acquire, so every CQE before it is fully written; allocates nothing.
     * Returns the completions handed over.
     */
    public int reap(Sink sink) {
        int position = localHead;
        int end = tail();
        int count = 0;
        while (position != end) {
            long offset = offsetOf(position);
            long resAndFlags = ring.get(ValueLayout.JAVA_LONG, offset + 8); // res and flags in one read: one bounds check
            int res = (int) (LITTLE_ENDIAN ? resAndFlags : resAndFlags >>> 32);
            int cqeFlags = (int) (LITTLE_ENDIAN ? resAndFlags >>> 32 : resAndFlags);
            if ((cqeFlags & SKIP) == 0) {
                sink.completion(position, ring.get(ValueLayout.JAVA_LONG, offset), res, cqeFlags);
                count++;
            }
            position += spills(cqeFlags) ? 2 : 1;
        }
        INT.setRelease(ring, head, position);
        localHead = position;
        return count;
    }

    /** IORING_CQ_* flags (EVENTFD_DISABLED), which the application may set. */
    public int ringFlags() {
        return (int) INT.getAcquire(ring, flags);
    }

    public CqHeader header() {
        return new CqHeader(HeaderFields.read(ring, header));
    }

    /** Writes header word {@code name} (unsafe mode's mem poke: the kernel reads what it finds). */
    public void poke(String name, int value) {
        HeaderFields.write(ring, header, name, value);
        localHead = (int) INT.get(ring, head); // the head may be another now
    }

    /** The mapped CQ ring's bytes, read-only, for live memory views. */
    public MemorySegment memory() {
        return ring.asReadOnly();
    }
}
