package dev.ringside.tracer.register;

import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.UapiConstants;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A provided-buffer ring (IORING_REGISTER_PBUF_RING) whose memory ringside owns: the ring of
 * {@code io_uring_buf} entries and the buffers themselves, each in its own anonymous mapping
 * (page-aligned, as the kernel requires), unmapped only after the io_uring is closed or the group
 * unregistered, so the kernel never writes into memory handed back to the allocator. With
 * IOU_PBUF_RING_MMAP the ring of entries is the kernel's, mapped from the io_uring fd; the buffers stay ours.
 */
public final class PbufRing implements AutoCloseable {
    /** The kernel caps a buffer ring at 32768 entries (a power of two). */
    public static final int MAX_ENTRIES = 32768;
    private static final long PAGE = 4096;
    private static final StructLayout BUF = UapiLayouts.IO_URING_BUF;
    private static final long TAIL = LayoutPaths.offset(UapiLayouts.IO_URING_BUF_RING, "tail");
    private static final VarHandle TAIL_HANDLE = ValueLayout.JAVA_SHORT.varHandle();

    private final int group;
    private final int entries;
    private final int bufferSize;
    /** The ring of entries: ours, or (IOU_PBUF_RING_MMAP) the kernel's, mapped from the ring fd after registration. */
    private MemorySegment ring;
    private final MemorySegment buffers;
    private final boolean kernelAllocated;
    private boolean closed;

    private PbufRing(int group, int entries, int bufferSize, MemorySegment ring, MemorySegment buffers, boolean kernelAllocated) {
        this.group = group;
        this.entries = entries;
        this.bufferSize = bufferSize;
        this.ring = ring;
        this.buffers = buffers;
        this.kernelAllocated = kernelAllocated;
    }

    /**
     * IOU_PBUF_RING_MMAP: only the buffers are ours; the kernel allocates the ring at registration
     * and {@link #mapKernelRing} maps it, as liburing's io_uring_setup_buf_ring does with that flag.
     */
    public static PbufRing kernelAllocated(int group, int entries, int bufferSize) throws SyscallException {
        return new PbufRing(group, entries, bufferSize, null, anonymous((long) bufferSize * entries), true);
    }

    /** The mmap offset of group {@code group}'s kernel-allocated ring on the io_uring fd. */
    public static long mmapOffset(int group) {
        return UapiConstants.IORING_OFF_PBUF_RING | ((long) group << UapiConstants.IORING_OFF_PBUF_SHIFT);
    }

    /** Maps the kernel's ring of this group from {@code ringFd} (shared: the kernel reads the entries we write). */
    public void mapKernelRing(int ringFd) throws SyscallException {
        ring = Syscalls.mmap(ringBytes(entries), Syscalls.PROT_READ | Syscalls.PROT_WRITE,
                Syscalls.MAP_SHARED | Syscalls.MAP_POPULATE, ringFd, mmapOffset(group));
    }

    /** The ring's size as mapped: entries of io_uring_buf, whole pages. */
    public static long ringBytes(int entries) {
        return (BUF.byteSize() * entries + PAGE - 1) / PAGE * PAGE;
    }

    public boolean isKernelAllocated() {
        return kernelAllocated;
    }

    /** Whether the ring memory is there to read and write (a kernel-allocated one is only after mapKernelRing). */
    public boolean ringMapped() {
        return ring != null;
    }

    /** Maps a ring of {@code entries} slots and {@code entries} buffers of {@code bufferSize} bytes. */
    public static PbufRing map(int group, int entries, int bufferSize) throws SyscallException {
        MemorySegment ring = anonymous(BUF.byteSize() * entries);
        try {
            return new PbufRing(group, entries, bufferSize, ring, anonymous((long) bufferSize * entries), false);
        } catch (SyscallException e) {
            Syscalls.munmap(ring);
            throw e;
        }
    }

    private static MemorySegment anonymous(long bytes) throws SyscallException {
        long rounded = (bytes + PAGE - 1) / PAGE * PAGE;
        return Syscalls.mmap(rounded, Syscalls.PROT_READ | Syscalls.PROT_WRITE,
                Syscalls.MAP_PRIVATE | Syscalls.MAP_ANONYMOUS, -1, 0);
    }

    /** The struct io_uring_buf_reg that registers this ring; {@code flags} are IOU_PBUF_RING_*. */
    public MemorySegment registration(Arena arena, int flags) {
        StructLayout layout = UapiLayouts.IO_URING_BUF_REG;
        MemorySegment reg = Structs.allocate(arena, layout);
        // with MMAP the kernel wants ring_addr 0 (it refuses one with EINVAL): it allocates the ring itself
        Structs.set(reg, layout, "ring_addr", ring == null ? 0 : ring.address());
        Structs.set(reg, layout, "ring_entries", entries);
        Structs.set(reg, layout, "bgid", group);
        Structs.set(reg, layout, "flags", flags);
        return reg;
    }

    /** Puts every buffer in the ring (bid = its index) and publishes the tail: the kernel may now pick them. */
    public void provideAll() {
        for (int bid = 0; bid < entries; bid++) {
            provide(bid, bid);
        }
        publish(tail() + entries);
    }

    /** Writes slot {@code position} (masked) to hand buffer {@code bid} to the kernel; the tail is published apart. */
    public void provide(int position, int bid) {
        MemorySegment slot = entry(position & (entries - 1));
        Structs.set(slot, BUF, "addr", buffer(bid).address());
        Structs.set(slot, BUF, "len", bufferSize);
        Structs.set(slot, BUF, "bid", bid);
    }

    /**
     * io_uring_buf_ring_add for each of {@code bids} (entry at tail + i, masked, addr and len of the
     * session's own buffer), then io_uring_buf_ring_advance: one release store of the new tail.
     * {@code len} 0: the whole buffer. Returns the new tail.
     */
    public int readd(List<Integer> bids, int len) {
        int tail = tail();
        for (int i = 0; i < bids.size(); i++) {
            MemorySegment slot = entry((tail + i) & (entries - 1));
            int bid = bids.get(i);
            Structs.set(slot, BUF, "addr", buffer(bid).address());
            Structs.set(slot, BUF, "len", len == 0 ? bufferSize : len);
            Structs.set(slot, BUF, "bid", bid);
        }
        int next = (tail + bids.size()) & 0xffff;
        publish(next);
        return next;
    }

    /** A release store, so the kernel sees the entries before the tail that covers them. */
    public void publish(int tail) {
        TAIL_HANDLE.setRelease(ring, TAIL, (short) tail);
    }

    /** The tail we published (16 bits: it shares bytes with bufs[0].resv). */
    public int tail() {
        return Short.toUnsignedInt((short) TAIL_HANDLE.getAcquire(ring, TAIL));
    }

    /** What slot {@code slot} of the ring holds now: the buffer's id, length and address. */
    public record Slot(int bid, long len, long addr) {
    }

    public Slot slot(int slot) {
        MemorySegment entry = entry(slot);
        return new Slot((int) Structs.get(entry, BUF, "bid"), Structs.get(entry, BUF, "len"), Structs.get(entry, BUF, "addr"));
    }

    /** The first {@code max} bytes of buffer {@code bid} (fewer when it is smaller). */
    public byte[] bufferStart(int bid, int max) {
        MemorySegment buffer = buffer(bid);
        return buffer.asSlice(0, Math.min(max, buffer.byteSize())).toArray(ValueLayout.JAVA_BYTE);
    }

    /** The kernel's head in a PBUF_STATUS answer ({@link RegisterCall#argAfter()}). */
    public static long head(byte[] statusAnswer) {
        return Structs.get(MemorySegment.ofArray(statusAnswer), UapiLayouts.IO_URING_BUF_STATUS, "head");
    }

    public MemorySegment entry(int slot) {
        return Structs.element(ring, BUF, slot);
    }

    public MemorySegment buffer(int bid) {
        return buffers.asSlice((long) bid * bufferSize, bufferSize);
    }

    public int group() {
        return group;
    }

    public int entries() {
        return entries;
    }

    public int bufferSize() {
        return bufferSize;
    }

    public long ringAddress() {
        return ring == null ? 0 : ring.address();
    }

    /** The two mappings, as mmap returned them: the ring of entries, then the buffers (for the journal). */
    public List<MemorySegment> mappings() {
        return ring == null ? List.of(buffers) : List.of(ring, buffers);
    }

    /** Unmaps the ring and the buffers; call it only once the kernel let go (unregistered or ring closed). */
    @Override
    public void close() throws SyscallException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (ring != null) {
                Syscalls.munmap(ring);
            }
        } finally {
            Syscalls.munmap(buffers);
        }
    }
}
