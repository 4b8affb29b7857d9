package dev.ringside.tracer.register;

import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.UapiConstants;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * A zcrx refill queue in user memory, laid out as the kernel's io_uring_zcrx_offsets say (head, tail,
 * rqes), with the area its buffers are in. The kernel consumes rqes from head (which it moves);
 * {@link #push} writes one at the user's tail and publishes it with a release store, as liburing's
 * test/zcrx.c does. An exported ifq's importers share it: it is one ifq in the kernel.
 */
public final class ZcrxRefillQueue {
    private static final StructLayout RQE = UapiLayouts.IO_URING_ZCRX_RQE;
    private static final VarHandle U32 = ValueLayout.JAVA_INT.varHandle();

    /** One zcrx completion with data: where in which area the bytes landed, and how many (the CQE's res). */
    public record Received(String ring, long userData, int areaId, long offset, int len) {
    }

    private final String memory;
    private final MemorySegment region;
    private final int entries;
    private final long headOffset;
    private final long tailOffset;
    private final long rqesOffset;
    private final MemorySegment area;
    private final long areaToken;
    private final List<Received> received = new ArrayList<>();
    private int localTail;

    /** {@code memory} names the session buffer {@code region} is, for the journal's writes. */
    public ZcrxRefillQueue(String memory, MemorySegment region, int entries, long headOffset, long tailOffset, long rqesOffset,
                           MemorySegment area, long areaToken) {
        this.memory = memory;
        this.region = region;
        this.entries = entries;
        this.headOffset = headOffset;
        this.tailOffset = tailOffset;
        this.rqesOffset = rqesOffset;
        this.area = area;
        this.areaToken = areaToken;
        this.localTail = (int) U32.getAcquire(region, tailOffset);
    }

    public String memory() {
        return memory;
    }

    /** Where in the region the rqe at ring position {@code position} lies. */
    public long slotOffset(int position) {
        return rqesOffset + (Integer.toUnsignedLong(position) & (entries - 1L)) * RQE.byteSize();
    }

    /** The ring position the next push writes. */
    public int nextPosition() {
        return localTail;
    }

    public int entries() {
        return entries;
    }

    public long headOffset() {
        return headOffset;
    }

    public long tailOffset() {
        return tailOffset;
    }

    public long rqesOffset() {
        return rqesOffset;
    }

    public long areaToken() {
        return areaToken;
    }

    public MemorySegment area() {
        return area;
    }

    /** The kernel's head, read with acquire semantics. */
    public int head() {
        return (int) U32.getAcquire(region, headOffset);
    }

    /** The tail as published in shared memory. */
    public int tail() {
        return (int) U32.getAcquire(region, tailOffset);
    }

    /** The rqe at ring position {@code position} (masked): its off as written (area token included). */
    public long rqeOff(int position) {
        return Structs.get(slot(position), RQE, "off");
    }

    public long rqeLen(int position) {
        return Structs.get(slot(position), RQE, "len");
    }

    private MemorySegment slot(int position) {
        return region.asSlice(slotOffset(position), RQE.byteSize());
    }

    /** Entries pushed and not yet consumed by the kernel. */
    public int queued() {
        return localTail - head();
    }

    /** Writes an rqe for the buffer at {@code offset} in the area (its token or'ed in) and publishes the tail; false when full. */
    public boolean push(long offset, long len) {
        if (queued() >= entries) {
            return false;
        }
        MemorySegment rqe = slot(localTail);
        Structs.set(rqe, RQE, "off", (offset & ~UapiConstants.IORING_ZCRX_AREA_MASK) | areaToken);
        Structs.set(rqe, RQE, "len", len);
        localTail++;
        U32.setRelease(region, tailOffset, localTail);
        return true;
    }

    /** A zcrx CQE with data, kept until its buffer is pushed back. */
    public void received(Received r) {
        received.add(r);
    }

    public List<Received> unreturned() {
        return List.copyOf(received);
    }

    /** Forgets the first {@code count} received buffers: they were pushed back. */
    public void returned(int count) {
        received.subList(0, Math.min(count, received.size())).clear();
    }
}
